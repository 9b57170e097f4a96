// Answers render as Markdown with GitHub tables and lists. Raw HTML in an answer is shown as text,
// never parsed (react-markdown does not render HTML without rehype-raw, which we do not add), and
// links open in the system browser through the host, never inside the app window.
import { memo, useRef, type ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { IconButton } from "../../../components/IconButton.tsx";
import { copyText } from "../../../components/copy.ts";
import { api } from "../../../services/api.ts";
import { toastError } from "../../../shared/app-store.ts";

function CodeBlock({ children }: { children?: ReactNode }) {
  const ref = useRef<HTMLPreElement>(null);
  return (
    <div className="code-block">
      <IconButton icon="copy" label="Copy code" className="code-copy" onClick={() => void copyText(ref.current?.textContent ?? "", "Code copied")} />
      <pre ref={ref}>{children}</pre>
    </div>
  );
}

function openLink(url: string) {
  if (!/^https?:/i.test(url)) return;
  api()
    .invoke("shell.openExternal", { url })
    .catch(toastError);
}

const components: Components = {
  pre: ({ children }) => <CodeBlock>{children}</CodeBlock>,
  a: ({ href, children }) => (
    <a
      href={href}
      onClick={(e) => {
        e.preventDefault();
        if (href) openLink(href);
      }}
    >
      {children}
    </a>
  ),
};

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
