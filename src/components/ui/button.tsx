import type { ButtonHTMLAttributes } from 'react';

type Tone = 'primary' | 'neutral' | 'danger' | 'ghost';

const TONES: Record<Tone, string> = {
  primary: 'bg-sky-600 text-white hover:bg-sky-500 disabled:bg-sky-900 disabled:text-sky-300',
  neutral: 'bg-zinc-800 text-zinc-100 hover:bg-zinc-700 border border-zinc-700 disabled:opacity-50',
  danger: 'bg-rose-700 text-white hover:bg-rose-600 disabled:opacity-50',
  ghost: 'text-zinc-300 hover:bg-zinc-800 hover:text-white disabled:opacity-50',
};

export function Button({ tone = 'neutral', className = '', ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { tone?: Tone }) {
  return (
    <button
      type="button"
      className={`inline-flex shrink-0 items-center gap-1.5 whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium transition-colors focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400 disabled:cursor-not-allowed ${TONES[tone]} ${className}`}
      {...rest}
    />
  );
}
