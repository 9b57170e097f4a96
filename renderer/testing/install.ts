// Puts a fresh fake API and fresh stores in place before each test.
import { FakeApi } from "./fake-api.ts";
import { installApi } from "../services/api.ts";
import { useChatStore, initialChatState } from "../features/chat/store.ts";
import { useModelsStore, initialModelsState } from "../shared/models/store.ts";
import { useRemoteChoice, initialRemoteChoice } from "../shared/models/remote-choice.ts";
import { useSettingsStore, initialSettingsState } from "../shared/settings/store.ts";
import { useOnboardingStore, initialOnboardingState } from "../shared/onboarding/store.ts";
import { useAppStore, initialAppState } from "../shared/app-store.ts";

export function freshApi(): FakeApi {
  const fake = new FakeApi();
  installApi(fake);
  useChatStore.setState(initialChatState(), true);
  useModelsStore.setState(initialModelsState(), true);
  globalThis.localStorage?.removeItem("enclave.remoteModel");
  useRemoteChoice.setState(initialRemoteChoice(), true);
  useSettingsStore.setState(initialSettingsState(), true);
  useOnboardingStore.setState(initialOnboardingState(), true);
  useAppStore.setState({ ...initialAppState }, true);
  return fake;
}
