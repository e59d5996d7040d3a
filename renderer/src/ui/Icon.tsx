// Icon: a small set of stroke icons (16px, currentColor) drawn inline as SVG.
import type { SVGProps } from 'react';

export type IconName =
  | 'playground'
  | 'runs'
  | 'compare'
  | 'datasets'
  | 'models'
  | 'experts'
  | 'help'
  | 'sun'
  | 'moon'
  | 'system'
  | 'plus'
  | 'download'
  | 'trash'
  | 'play'
  | 'stop'
  | 'back'
  | 'chevron';

const paths: Record<IconName, string> = {
  playground: 'M3 3h10v10H3z M6 6l3 2-3 2z',
  runs: 'M5 4h8 M5 8h8 M5 12h8 M2.5 4h.01 M2.5 8h.01 M2.5 12h.01',
  compare: 'M2.5 3h4.5v10H2.5z M9 3h4.5v10H9z',
  datasets: 'M3 4c0-1.1 2.2-2 5-2s5 .9 5 2-2.2 2-5 2-5-.9-5-2z M3 4v8c0 1.1 2.2 2 5 2s5-.9 5-2V4 M3 8c0 1.1 2.2 2 5 2s5-.9 5-2',
  models: 'M8 1.8l5.5 3.1v6.2L8 14.2l-5.5-3.1V4.9z M2.5 4.9L8 8l5.5-3.1 M8 8v6.2',
  experts: 'M3 3h3v3H3z M10 3h3v3h-3z M3 10h3v3H3z M10 10h3v3h-3z M6 4.5h4 M4.5 6v4 M11.5 6v4 M6 11.5h4',
  help: 'M8 14.5A6.5 6.5 0 1 0 8 1.5a6.5 6.5 0 0 0 0 13z M6.2 6.2a1.9 1.9 0 0 1 3.6.7c0 1.3-1.8 1.6-1.8 2.7 M8 11.6h.01',
  sun: 'M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6z M8 1v1.5 M8 13.5V15 M1 8h1.5 M13.5 8H15 M3 3l1 1 M12 12l1 1 M3 13l1-1 M12 4l1-1',
  moon: 'M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7z',
  system: 'M2 3h12v8H2z M6 14h4 M8 11v3',
  plus: 'M8 3v10 M3 8h10',
  download: 'M8 2v8 M4.5 6.5L8 10l3.5-3.5 M3 13h10',
  trash: 'M3 4.5h10 M6.5 4.5V3h3v1.5 M4.5 4.5l.6 9h5.8l.6-9',
  play: 'M5 3.5v9l7-4.5z',
  stop: 'M4.5 4.5h7v7h-7z',
  back: 'M10 3L5 8l5 5',
  chevron: 'M4 6l4 4 4-4',
};

export interface IconProps extends SVGProps<SVGSVGElement> {
  name: IconName;
  size?: number;
}

/** An inline stroke icon; decorative unless given an aria-label. */
export function Icon({ name, size = 16, ...rest }: IconProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={rest['aria-label'] ? undefined : true}
      {...rest}
    >
      <path d={paths[name]} />
    </svg>
  );
}
