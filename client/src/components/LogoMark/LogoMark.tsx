// Tickline's mark: three candles rising. The same drawing is the favicon (public/favicon.svg).

export function LogoMark({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" className="logo-mark">
      <rect width="32" height="32" rx="7" fill="#16c784" fillOpacity="0.14" />
      <path d="M9 10v14M16 7v17M23 4v14" stroke="#16c784" strokeWidth="1.6" strokeLinecap="round" />
      <rect x="6.5" y="14" width="5" height="7" rx="1" fill="#ea3943" />
      <rect x="13.5" y="11" width="5" height="9" rx="1" fill="#16c784" />
      <rect x="20.5" y="7" width="5" height="8" rx="1" fill="#16c784" />
    </svg>
  );
}
