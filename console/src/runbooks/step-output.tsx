import { useLayoutEffect, useRef } from 'react';
import type { OutputSegment } from './run-stream.ts';

/**
 * A step's output as a log. It follows the tail while the reader is at the bottom, and stays
 * put when they have scrolled up to read something, as a terminal does.
 */
export function StepOutput({ segments, dropped, label }: { segments: OutputSegment[]; dropped: number; label: string }) {
  const ref = useRef<HTMLPreElement>(null);
  const atBottom = useRef(true);
  const length = segments.reduce((sum, s) => sum + s.text.length, 0);

  useLayoutEffect(() => {
    const pre = ref.current;
    if (pre && atBottom.current) pre.scrollTop = pre.scrollHeight;
  }, [length]);

  if (length === 0) return null;
  return (
    <pre
      ref={ref}
      className="step-output"
      role="log"
      aria-label={label}
      tabIndex={0}
      data-testid="step-output"
      onScroll={(e) => {
        const pre = e.currentTarget;
        atBottom.current = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 24;
      }}
    >
      {dropped > 0 && <span className="muted">[{dropped.toLocaleString()} earlier characters not shown]{'\n'}</span>}
      {segments.map((s, i) => (
        <span key={i} className={s.stream === 'stderr' ? 'stderr' : undefined}>
          {s.text}
        </span>
      ))}
    </pre>
  );
}
