// ssl-quality · ReportTemplate.swift — the Mustache template of the HTML report.

/// The report page as a Mustache template, rendered with an ``HTMLReport`` (keys are its
/// property names). Kept in the binary so the program needs no resource files.
///
/// Every figure is a `<figure data-figure="N">` holding one inline `<svg>`; the browser
/// test relies on that attribute to find them.
enum ReportTemplate {
  static let text = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}}</title>
    <style>
    body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 2rem auto; max-width: 1180px; padding: 0 1rem; line-height: 1.4; }
    h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
    h2 { font-size: 1.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 2rem; }
    .meta { color: #666; font-size: 0.9rem; }
    table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.9rem; }
    th, td { border: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: right; }
    th { background: #f4f4f4; }
    td:first-child, th:first-child { text-align: left; }
    table.settings td { text-align: left; }
    td.best { background: #e4f4e4; font-weight: bold; }
    code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85rem; word-break: break-all; }
    figure { margin: 1rem 0; }
    figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
    figcaption { color: #555; font-size: 0.9rem; }
    .note { color: #555; font-size: 0.85rem; }
    .source { color: #555; font-size: 0.8rem; margin: 0; word-break: break-all; }
    .warnings li { color: #8a4b00; }
    </style>
    </head>
    <body>
    <h1>{{title}}</h1>
    <p class="meta">ssl-quality {{toolVersion}}</p>

    <h2>Inputs</h2>
    <table>
    <tr><th>file</th><th>shape</th><th>dtype</th><th>SHA-256</th></tr>
    {{#inputs}}
    <tr><td class="mono">{{path}}</td><td>{{shape}}</td><td>{{dtype}}</td><td class="mono">{{sha256}}</td></tr>
    {{/inputs}}
    </table>

    <h2>Settings</h2>
    <table class="settings">
    {{#settings}}
    <tr><td>{{name}}</td><td class="mono">{{value}}</td></tr>
    {{/settings}}
    </table>

    {{^empty(warnings)}}
    <h2>Warnings</h2>
    <ul class="warnings">
    {{#warnings}}
    <li>{{.}}</li>
    {{/warnings}}
    </ul>
    {{/empty(warnings)}}

    {{#tables}}
    <h2>{{title}}</h2>
    {{#source}}<p class="source">{{source}}</p>{{/source}}
    <table>
    <tr>{{#header}}<th>{{.}}</th>{{/header}}</tr>
    {{#rows}}
    <tr>{{#cells}}<td{{#best}} class="best"{{/best}}>{{text}}</td>{{/cells}}</tr>
    {{/rows}}
    </table>
    {{#note}}<p class="note">{{note}}</p>{{/note}}
    {{/tables}}

    {{^empty(figures)}}
    <h2>Figures</h2>
    {{/empty(figures)}}
    {{#figures}}
    <figure data-figure="{{index}}">
    {{{svg}}}
    <figcaption><b>{{title}}.</b> {{caption}}</figcaption>
    </figure>
    {{/figures}}
    </body>
    </html>

    """
}
