import { useEffect, useState } from 'react';
import { useDebounced } from './use-debounced.ts';

interface SearchBoxProps {
  label: string;
  /** The search in force (from the URL). */
  value: string;
  onSearch: (text: string) => void;
}

/**
 * Keeps what is typed in local state and reports it once typing pauses. The input is never
 * re-mounted by a refresh, so it keeps focus and caret while the list below updates every 2 s.
 */
export function SearchBox({ label, value, onSearch }: SearchBoxProps) {
  const [text, setText] = useState(value);
  const settled = useDebounced(text, 250);

  useEffect(() => {
    if (settled !== value) onSearch(settled);
    // Only a settled edit searches; `value` catching up must not search again.
  }, [settled]);

  // Back/Forward changed the search under us: show it.
  useEffect(() => {
    if (value !== settled) setText(value);
  }, [value]);

  return (
    <input
      type="search"
      className="search"
      aria-label={label}
      placeholder={`${label}…`}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setText('');
      }}
    />
  );
}
