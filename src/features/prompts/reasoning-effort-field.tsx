import { Field, Select } from '@/components/ui/field';
import type { PromptBody } from '@/core/prompt/prompt-body';
import { EFFORT_ALLOWANCE, resolveModel } from '@/core/vlm/model-capabilities';
import { REASONING_EFFORTS, type ReasoningEffort } from '@/core/vlm/providers';
import { useProviderStore } from '@/stores/provider-store';

/**
 * The prompt's reasoning effort, offered with the values the configured model accepts (default:
 * the model's own). A value the model refuses stays visible, marked, and is left out of the request.
 */
export function ReasoningEffortField({ sampling, onChange }: { sampling: PromptBody['sampling']; onChange: (s: PromptBody['sampling']) => void }) {
  const config = useProviderStore((s) => s.config);
  const { caps } = resolveModel(config);
  const wanted = sampling.reasoningEffort;
  const offered = REASONING_EFFORTS.filter((e) => caps.reasoningEfforts.includes(e) || e === wanted);
  const model = config.model || 'the model';
  const hint = !caps.reasoningEfforts.length
    ? `${model} takes no reasoning effort here${caps.thinking ? '; it decides how long to think' : ''}.`
    : wanted && !caps.reasoningEfforts.includes(wanted)
      ? `${model} does not accept "${wanted}"; it runs at its default.`
      : (wanted ?? caps.defaultEffort) === 'none'
        ? 'No thinking at "none": max tokens is the whole budget.'
        : `Thinking is budgeted on top of max tokens (up to ${EFFORT_ALLOWANCE[wanted ?? caps.defaultEffort ?? 'medium']} tokens at this effort).`;
  return (
    <Field label="Reasoning effort" hint={hint}>
      <Select
        aria-label="Reasoning effort"
        value={wanted ?? ''}
        onChange={(e) => {
          const v = e.target.value as ReasoningEffort | '';
          const { reasoningEffort: _drop, ...rest } = sampling;
          onChange(v ? { ...rest, reasoningEffort: v } : rest);
        }}
      >
        <option value="">model default{caps.defaultEffort ? ` (${caps.defaultEffort})` : caps.thinking ? ' (dynamic)' : ''}</option>
        {offered.map((e) => (
          <option key={e} value={e}>
            {e}
            {caps.reasoningEfforts.includes(e) ? '' : ' (not accepted by this model)'}
          </option>
        ))}
      </Select>
    </Field>
  );
}
