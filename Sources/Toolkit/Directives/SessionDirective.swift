import Diagnostics
import Markdown

/// ` ```session `: a workshop plan shown as a timetable; its timings and handouts are checked.
public struct SessionDirective: Directive {
    public var name: String { "session" }

    public init() {}

    public func decode(_ block: DirectiveBlock) -> (SessionPlan?, [Diagnostic]) {
        SessionPlan.decode(block)
    }

    public func searchText(of plan: SessionPlan, in block: DirectiveBlock) -> String {
        ([plan.title] + plan.objectives + plan.activities.map(\.activity)).joined(separator: ". ")
    }

    public func check(_ plan: SessionPlan, of block: DirectiveBlock, in site: Site) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if plan.plannedMinutes != plan.duration {
            let difference = plan.duration - plan.plannedMinutes
            let hint = difference > 0 ? "\(difference) minutes are not planned" : "\(-difference) minutes too many are planned"
            diagnostics.append(.error("session-timing",
                "the activities add up to \(plan.plannedMinutes) minutes, but the session lasts \(plan.duration) minutes",
                at: plan.durationLocation, notes: [hint + "; breaks count too"]))
        }
        for activity in plan.activities {
            for handout in activity.handouts {
                let source = ProjectPath.resolve(handout.value, inModuleOf: block.location.file)
                if source.flatMap(site.page(source:)) == nil {
                    let candidates = site.allPages.map(\.sourcePath)
                    let guess = source.flatMap { Suggestion.closest(to: $0, in: candidates) }
                    diagnostics.append(.error("session-handout",
                        "handout '\(handout.value)' is not a page of this site",
                        at: handout.location, length: handout.value.count,
                        notes: guess.map { ["did you mean '\($0)'?"] } ?? ["handouts are named relative to the module folder"]))
                }
            }
        }
        return diagnostics
    }

    public func render(_ plan: SessionPlan, of block: DirectiveBlock, in context: DirectiveContext) -> String {
        var html = "<section class=\"session-plan\" aria-label=\"Session plan: \(HTML.escape(plan.title))\">\n"
        html += "<h2 class=\"session-title\">\(HTML.escape(plan.title))</h2>\n<dl class=\"session-facts\">\n"
        html += "<div><dt>Length</dt><dd>\(Self.duration(plan.duration))</dd></div>\n"
        if let audience = plan.audience { html += "<div><dt>Who it is for</dt><dd>\(HTML.escape(audience))</dd></div>\n" }
        if let room = plan.room { html += "<div><dt>Room set-up</dt><dd>\(HTML.escape(room))</dd></div>\n" }
        html += "</dl>\n"
        html += list("Objectives", plan.objectives)
        html += list("Materials", plan.materials)
        html += "<div class=\"table-wrap\" role=\"group\" aria-label=\"Timetable\" tabindex=\"0\"><table class=\"timetable\">\n<caption>Timetable</caption>\n"
        html += "<thead><tr><th scope=\"col\">Time</th><th scope=\"col\">Minutes</th><th scope=\"col\">What happens</th><th scope=\"col\">Who leads</th></tr></thead>\n<tbody>\n"
        for (activity, start) in zip(plan.activities, plan.startOffsets) {
            html += activity.isBreak ? "<tr class=\"break\">" : "<tr>"
            html += "<td>\(SessionPlan.clock(start))</td><td>\(activity.minutes)</td><td><strong>\(HTML.escape(activity.activity))</strong>"
            if let notes = activity.notes { html += "<p>\(HTML.escape(notes))</p>" }
            if !activity.handouts.isEmpty {
                let links = activity.handouts.map { handout -> String in
                    let source = ProjectPath.resolve(handout.value, inModuleOf: block.location.file)
                    guard let page = source.flatMap(context.site.page(source:)) else { return HTML.escape(handout.value) }
                    return "<a href=\"\(HTML.escape(context.url(to: page.outputPath)))\">\(HTML.escape(page.title))</a>"
                }
                html += "<p class=\"handouts\">Handouts: \(links.joined(separator: ", "))</p>"
            }
            html += "</td><td>\(HTML.escape(activity.lead ?? (activity.isBreak ? "" : "—")))</td></tr>\n"
        }
        html += "<tr class=\"end\"><td>\(SessionPlan.clock(plan.plannedMinutes))</td><td></td><td>End</td><td></td></tr>\n"
        html += "</tbody>\n</table></div>\n</section>\n"
        return html
    }

    static func duration(_ minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        switch (hours, rest) {
        case (0, _): return "\(rest) minutes"
        case (_, 0): return hours == 1 ? "1 hour" : "\(hours) hours"
        default: return "\(hours == 1 ? "1 hour" : "\(hours) hours") \(rest) minutes (\(minutes) minutes)"
        }
    }

    private func list(_ heading: String, _ items: [String]) -> String {
        guard !items.isEmpty else { return "" }
        return "<h3>\(heading)</h3>\n<ul>\n" + items.map { "<li>\(HTML.escape($0))</li>\n" }.joined() + "</ul>\n"
    }
}
