// SQL literals for LanceDB `where` filters. Identifiers in camelCase need backticks (unquoted names
// are lower-cased); values go through these so a quote in an id or collection cannot break out.
export function sql(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlList(values: readonly string[]): string {
  return `(${values.map(sql).join(", ")})`;
}
