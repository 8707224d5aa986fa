// The ring that empties as a code's period runs out. Drawn from the shared clock's time; the
// CSS transition smooths the per-second steps unless reduced motion is asked for.
import './countdown-ring.css';

export function CountdownRing({
  left,
  period,
  size = 'normal',
}: {
  /** Seconds left. */
  left: number;
  period: number;
  size?: 'normal' | 'large';
}) {
  const radius = 10;
  const circumference = 2 * Math.PI * radius;
  const fraction = period > 0 ? Math.min(1, left / period) : 0;
  const urgent = left <= 5;
  return (
    <svg
      className={`ring ring-${size}${urgent ? ' urgent' : ''}`}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <circle className="ring-track" cx="12" cy="12" r={radius} />
      <circle
        className="ring-fill"
        cx="12"
        cy="12"
        r={radius}
        strokeDasharray={circumference}
        strokeDashoffset={circumference * (1 - fraction)}
      />
      <text x="12" y="12" className="ring-text" dominantBaseline="central" textAnchor="middle">
        {left}
      </text>
    </svg>
  );
}
