// The shell: navigation, the current view (or onboarding on first run), the model switcher,
// notices, toasts and the status bar.
import { useEffect } from "react";
import { Sidebar, type NavItem } from "./Sidebar.tsx";
import { StatusBar } from "./StatusBar.tsx";
import { NoticeBanner } from "./NoticeBanner.tsx";
import { Toasts } from "./Toasts.tsx";
import { useAppStore } from "../shared/app-store.ts";
import { installShortcuts } from "./shortcuts.ts";
import { Unavailable } from "./Unavailable.tsx";
import { ChatView } from "../features/chat/ChatView.tsx";
import { ModelsView, type ModelsViewPanels } from "../features/models/ModelsView.tsx";
import { LoraPanel } from "../features/lora/LoraPanel.tsx";
import { QuantLabLauncher } from "../features/quantlab/QuantLabLauncher.tsx";
import { ModelSwitcher } from "../features/models/ModelSwitcher.tsx";
import { SettingsView } from "../features/settings/SettingsView.tsx";
import { OnboardingView } from "../features/onboarding/OnboardingView.tsx";
import { useOnboardingStore } from "../shared/onboarding/store.ts";
import { useRemoteChoice } from "../shared/models/remote-choice.ts";
import { useModelsStore } from "../shared/models/store.ts";
import { DocumentsView } from "../features/documents/index.ts";
import { SourceViewer } from "../features/viewer/index.ts";
import { ActivityView } from "../features/activity/index.ts";
import { askCollection } from "./ask-collection.ts";

const nav: NavItem[] = [
  { view: "chat", label: "Chat", icon: "chat" },
  { view: "documents", label: "Documents", icon: "documents" },
  { view: "models", label: "Models", icon: "models" },
  { view: "settings", label: "Settings", icon: "settings" },
  { view: "activity", label: "Activity", icon: "activity" },
];

// Features never import each other (eslint.config.js): where one view shows another feature's
// panel or starts another feature's flow, the shell hands it in here.
const modelsPanels: ModelsViewPanels = {
  adapters: (groups) => <LoraPanel groups={groups} />,
  quantLab: (groups, onSwitch) => <QuantLabLauncher groups={groups} onSwitch={onSwitch} />,
};

export function App() {
  const view = useAppStore((s) => s.view);
  const engine = useAppStore((s) => s.engine);
  const bootFailed = useAppStore((s) => s.bootError !== null);
  const onboarded = useOnboardingStore((s) => s.done);
  const loaded = useModelsStore((s) => s.loaded);
  const lost = useModelsStore((s) => s.lost);
  const remote = useRemoteChoice((s) => s.chosen);
  useEffect(() => installShortcuts(window), []);

  // First run (no model loaded, none chosen yet): the welcome screen stands in for the chat. The
  // other views stay reachable: the model library, documents (search needs no chat model), and
  // settings (offline mode). Someone whose model a crash just unloaded has chosen before, and so has
  // someone who chose a remote model to answer.
  const onboarding = !onboarded && !loaded && !lost && !remote && engine !== "connecting" && view === "chat";

  return (
    <div className="app">
      <Sidebar items={nav} />
      <div className="app-body">
        <NoticeBanner />
        <main className="view" id="main">
          {/* Views mount once the engine answered, so they do not each report the same failure. */}
          {bootFailed ? <Unavailable /> : engine === "connecting" ? <div className="page" aria-busy="true" /> : onboarding ? <OnboardingView /> : view === "chat" ? <ChatView /> : view === "documents" ? <DocumentsView onAsk={askCollection} /> : view === "models" ? <ModelsView panels={modelsPanels} /> : view === "settings" ? <SettingsView /> : view === "activity" ? <ActivityView /> : null}
        </main>
        <StatusBar />
      </div>
      <ModelSwitcher />
      <SourceViewer />
      <Toasts />
    </div>
  );
}
