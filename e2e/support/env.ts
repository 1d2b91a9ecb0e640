/** Where the fake OpenAI-compatible server listens during e2e runs. */
export const FAKE_VLM_PORT = Number(process.env.FAKE_VLM_PORT ?? 4174);
export const FAKE_VLM_URL = `http://127.0.0.1:${FAKE_VLM_PORT}`;
/** Real third-party files, beside the repository; absent on some machines. */
export const CORPUS_DIR = new URL('../../../shared/corpus/', import.meta.url).pathname;
