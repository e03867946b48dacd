import Foundation

/// The script that the preview adds to the HTML it serves. Built files never contain it: it is added
/// to the response, so `doorstep build` output stays the same with or without a preview running.
public enum LiveReload {
    /// The server-sent events stream the script listens to.
    public static let eventsPath = "/__doorstep/events"
    /// Marks the script, so a page is never given it twice.
    static let marker = "data-doorstep-preview"

    /// Listens for builds: a newer build reloads the page; a failed build shows its problems in a box,
    /// set as text (never as HTML) so nothing in a message can run or break the page.
    public static func script(generation: Int) -> String {
        """
        <script \(marker)>
        (function () {
          var generation = "\(generation)";
          var box = null;
          function show(text) {
            if (!box) {
              box = document.createElement("pre");
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:60vh;overflow:auto;" +
                "z-index:2147483647;margin:0;padding:1rem;background:#fff4f4;color:#4a0000;border:3px solid #b00020;" +
                "border-radius:6px;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;" +
                "box-shadow:0 4px 18px rgba(0,0,0,.35)";
              document.body.appendChild(box);
            }
            box.textContent = "doorstep serve: the build failed, so this is the last good build.\\n\\n" + text;
          }
          var events = new EventSource("\(eventsPath)?page=" + encodeURIComponent(location.pathname));
          events.addEventListener("built", function (event) {
            if (event.data !== generation) { location.reload(); }
            else if (box) { box.remove(); box = null; }
          });
          events.addEventListener("failed", function (event) { show(event.data); });
        })();
        </script>
        """
    }

    /// The page with the script just before its last `</body>`, or at the end when it has none.
    public static func inject(into html: String, generation: Int) -> String {
        guard !html.contains(marker) else { return html }
        let script = script(generation: generation)
        guard let body = html.range(of: "</body>", options: [.caseInsensitive, .backwards]) else {
            return html + script
        }
        return html.replacingCharacters(in: body.lowerBound..<body.lowerBound, with: script + "\n")
    }

    /// Only HTML gets the script: CSS, JSON, PDFs and the rest are served byte for byte.
    public static func isHTML(path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".html") || lower.hasSuffix(".htm")
    }

    /// The response body for a file: injected when it is HTML, untouched otherwise; a draft page also
    /// gets a "Draft" banner.
    public static func body(_ data: Data, path: String, generation: Int, draft: Bool = false) -> Data {
        guard isHTML(path: path) else { return data }
        let html = inject(into: String(decoding: data, as: UTF8.self), generation: generation)
        return Data((draft ? markDraft(html) : html).utf8)
    }

    static let draftBanner = """
        <p data-doorstep-draft role="note" style="margin:0;padding:.5rem 1rem;background:#fff3b0;color:#3d3000;\
        border-bottom:3px solid #8a6d00;font:700 1rem/1.4 system-ui,sans-serif;text-align:center">\
        Draft: this page has 'draft: true', so 'doorstep build' leaves it out of the site.</p>
        """

    /// The banner just after the opening `<body>` tag, so it is the first thing on the page.
    public static func markDraft(_ html: String) -> String {
        guard let body = html.range(of: "<body", options: .caseInsensitive),
              let end = html[body.upperBound...].firstIndex(of: ">") else { return draftBanner + html }
        let after = html.index(after: end)
        return html.replacingCharacters(in: after..<after, with: "\n" + draftBanner)
    }
}
