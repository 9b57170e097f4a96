// Every CLI command, in the order the top-level help lists them.
import type { Command } from "../command.ts";
import { askCommand } from "./ask.ts";
import { auditExportCommand, auditVerifyCommand } from "./audit.ts";
import { policyShowCommand } from "./policy.ts";
import { conversationsExportCommand } from "./conversations-export.ts";
import { chatCommand } from "./chat.ts";
import { collectionsListCommand } from "./collections-list.ts";
import { engineInfoCommand } from "./engine-info.ts";
import { evalCommand } from "./eval.ts";
import { ingestCommand } from "./ingest.ts";
import { modelsInspectCommand } from "./models-inspect.ts";
import { modelsListCommand } from "./models-list.ts";
import { modelsScanCommand } from "./models-scan.ts";
import { searchCommand } from "./search.ts";
import { settingsSetCommand, settingsShowCommand } from "./settings.ts";
import { serveCommand } from "./serve.ts";

export const COMMANDS: readonly Command[] = [modelsListCommand, modelsInspectCommand, modelsScanCommand, ingestCommand, collectionsListCommand, searchCommand, evalCommand, askCommand, chatCommand, serveCommand, conversationsExportCommand, settingsShowCommand, settingsSetCommand, policyShowCommand, auditVerifyCommand, auditExportCommand, engineInfoCommand];
