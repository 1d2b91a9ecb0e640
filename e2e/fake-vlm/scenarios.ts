/**
 * Failures and odd answers on demand. Either name the model after a scenario (`fail-429`,
 * `answer-refusal` …) or queue scenarios for the next requests with `POST /_control`
 * `{"queue": ["fail-500", "fail-429"]}` (then any model name works).
 */
export type Scenario =
  | 'ok'
  | 'slow'
  | 'fail-401'
  | 'fail-403'
  | 'fail-404'
  | 'fail-429'
  | 'fail-500'
  | 'fail-timeout'
  | 'fail-context'
  | 'fail-filter'
  | 'fail-filter-finish'
  | 'fail-drop'
  | 'answer-unparseable'
  | 'answer-refusal'
  | 'answer-refusal-field'
  | 'answer-html'
  | 'answer-authors';

export const SCENARIOS: readonly Scenario[] = [
  'ok', 'slow', 'fail-401', 'fail-403', 'fail-404', 'fail-429', 'fail-500', 'fail-timeout', 'fail-context', 'fail-filter',
  'fail-filter-finish', 'fail-drop', 'answer-unparseable', 'answer-refusal', 'answer-refusal-field', 'answer-html', 'answer-authors',
];

export interface HttpFailure {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** The HTTP error a failure scenario answers with (undefined for scenarios that answer 200). */
export function httpFailure(s: Scenario): HttpFailure | undefined {
  const err = (message: string, type: string, code: string | null) => ({ error: { message, type, param: null, code } });
  switch (s) {
    case 'fail-401':
      return { status: 401, body: err('Incorrect API key provided: sk-test***. You can find your API key at https://example.invalid.', 'invalid_request_error', 'invalid_api_key') };
    case 'fail-403':
      return { status: 403, body: err('You are not allowed to use this model.', 'invalid_request_error', 'model_not_allowed') };
    case 'fail-404':
      return { status: 404, body: err('The model `fail-404` does not exist or you do not have access to it.', 'invalid_request_error', 'model_not_found') };
    case 'fail-429':
      return { status: 429, headers: { 'retry-after': '1' }, body: err('Rate limit reached for requests.', 'requests', 'rate_limit_exceeded') };
    case 'fail-500':
      return { status: 500, body: err('The server had an error while processing your request.', 'server_error', null) };
    case 'fail-context':
      return { status: 400, body: err("This model's maximum context length is 8192 tokens. However, your messages resulted in 12000 tokens.", 'invalid_request_error', 'context_length_exceeded') };
    case 'fail-filter':
      return { status: 400, body: err("The response was filtered due to the prompt triggering the content management policy.", 'invalid_request_error', 'content_filter') };
    default:
      return undefined;
  }
}

export function scenarioForModel(model: string): Scenario {
  return (SCENARIOS as readonly string[]).includes(model) ? (model as Scenario) : 'ok';
}
