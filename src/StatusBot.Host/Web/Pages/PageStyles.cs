namespace StatusBot.Host.Web.Pages;

/// <summary>The page's only stylesheet, inline (no external assets): readable on a phone, light and dark, high contrast.</summary>
internal static class PageStyles
{
    public const string Css = """
        :root { color-scheme: light dark; --bg: #ffffff; --fg: #1a1a1a; --muted: #4a4a4a; --card: #f4f5f7; --line: #d0d4da;
          --ok: #1f7a3a; --minor: #8a6100; --major: #b34700; --critical: #b3261e; --unknown: #6b6f76; --link: #0b57d0; }
        @media (prefers-color-scheme: dark) { :root { --bg: #121417; --fg: #eceff3; --muted: #b8bec7; --card: #1d2126; --line: #353b43;
          --ok: #4cc36f; --minor: #f2c14e; --major: #ff9a4d; --critical: #ff6b63; --unknown: #9aa0a8; --link: #8ab4f8; } }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        header, main, footer { max-width: 52rem; margin: 0 auto; padding: 1rem; }
        a { color: var(--link); }
        h1 { font-size: 1.5rem; margin: .5rem 0; } h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
        .overall { padding: 1rem; border-radius: .5rem; background: var(--card); border-left: .4rem solid var(--ok); font-size: 1.15rem; font-weight: 600; }
        .overall.sev-minor { border-color: var(--minor); } .overall.sev-major { border-color: var(--major); } .overall.sev-critical { border-color: var(--critical); }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; margin: .5rem 0; }
        .service { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .25rem 1rem; }
        .status { font-weight: 600; } .muted { color: var(--muted); font-size: .9rem; }
        .st-operational { color: var(--ok); } .st-degraded_performance { color: var(--minor); } .st-partial_outage { color: var(--major); }
        .st-major_outage { color: var(--critical); } .st-under_maintenance, .st-unknown { color: var(--unknown); }
        .bar { display: flex; gap: 1px; height: 2rem; margin: .5rem 0 .25rem; width: 100%; }
        .bar span { flex: 1; border-radius: 1px; background: var(--ok); position: relative; }
        .bar .day-minor { background: var(--minor); } .bar .day-major { background: var(--major); } .bar .day-critical { background: var(--critical); }
        .bar .day-unknown { background: var(--line); }
        .bar .incident::after { content: ""; position: absolute; left: 0; right: 0; bottom: -.35rem; height: .2rem; background: var(--fg); }
        .bar-legend { display: flex; justify-content: space-between; }
        ol.timeline { list-style: none; padding: 0; } ol.timeline li { border-left: 2px solid var(--line); padding: 0 0 .75rem .75rem; }
        nav ul { list-style: none; padding: 0; display: flex; gap: 1rem; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        """;
}
