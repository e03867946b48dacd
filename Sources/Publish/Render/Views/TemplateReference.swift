import Survey

/// The reference of every built-in template's variables, made from the views' own lists, for
/// docs/authoring.md and `doorstep templates`.
public enum TemplateReference {
    /// Each built-in template and the view it is rendered with.
    public static var templates: [(name: String, view: any TemplateView.Type)] {
        [
            ("layout", LayoutView.self), ("page", PageView.self), ("nav-item", NavItemView.self), ("home", HomeView.self),
            ("module", ModuleView.self), ("list", ListView.self), ("not-found", NotFoundView.self),
            ("survey", SurveyPageView.self), ("pack", PackView.self), ("results", ResultsView.self),
            ("results-print", ResultsPrintView.self), ("survey-form", WebFormView.self),
            ("survey-question", WebQuestionView.self), ("survey-paper", PaperView.self),
            ("survey-paper-question", PaperQuestionView.self),
        ]
    }

    /// Views a template reaches only through a list or an object: one entry of a list, and the like.
    public static var nestedViews: [any TemplateView.Type] {
        [
            FooterLinkView.self, BreadcrumbView.self, TOCEntryView.self, PageLinkView.self, ModuleNavView.self,
            MoreLinkView.self, ModuleCardView.self, PageGroupView.self, PageEntryView.self, RequiredModuleView.self,
            PackLinkView.self, PackItemView.self, WebSectionView.self, WebRepeatView.self, WebRepeatItemView.self,
            WebChoiceView.self, WebOtherView.self, WebRatingEndView.self, WebNotAnsweredView.self,
            EntryPanelView.self, EntryGroupView.self, PaperSectionView.self, PaperRepeatItemView.self,
            PaperOptionView.self, PaperDatePartView.self,
        ]
    }

    /// The templates' views, then the views inside them.
    public static var allViews: [any TemplateView.Type] { templates.map { $0.view } + nestedViews }

    /// Every view by its name.
    public static func view(named name: String) -> (any TemplateView.Type)? {
        for view in allViews where view.viewName == name { return view }
        return nil
    }

    /// The names of every value that is HTML the build made safe: the only ones a template may write with `{{{ }}}`.
    public static var htmlVariables: Set<String> {
        var names: Set<String> = []
        for view in allViews {
            for variable in view.variables where variable.kind == .html { names.insert(variable.name) }
        }
        return names
    }

    public static let beginMarker = "<!-- template variables: begin; made by `doorstep templates`, do not edit by hand -->"
    public static let endMarker = "<!-- template variables: end -->"

    /// The reference as Markdown: a table for each template's view, then one for each view inside them.
    public static var markdown: String {
        var text = ""
        for (name, view) in templates {
            text += "#### \(view.viewName)\n\n"
            text += "The values of `\(name).mustache`"
            if let base = view.extends {
                text += ", and every value of [\(base.viewName)](#\(anchor(base.viewName)))"
            }
            text += ".\n\n"
            text += table(view)
        }
        for view in nestedViews {
            text += "#### \(view.viewName)\n\n"
            var users: [String] = []
            for parent in allViews {
                for variable in parent.variables where names(view: view.viewName, variable.kind) {
                    users.append("`\(variable.name)` in [\(parent.viewName)](#\(anchor(parent.viewName)))")
                }
            }
            text += "Inside \(users.joined(separator: ", ")).\n\n"
            text += table(view)
        }
        return text
    }

    /// docs/authoring.md with its reference section replaced by `markdown`; nil when the markers are missing.
    public static func refreshed(_ document: String) -> String? {
        guard let begin = document.range(of: beginMarker), let end = document.range(of: endMarker),
              begin.upperBound <= end.lowerBound else { return nil }
        return String(document[..<begin.upperBound]) + "\n\n" + markdown + String(document[end.lowerBound...])
    }

    private static func table(_ view: any TemplateView.Type) -> String {
        guard !view.variables.isEmpty else { return "" }
        var text = "| variable | kind | meaning |\n| --- | --- | --- |\n"
        for variable in view.variables {
            text += "| `\(variable.name)` | \(describe(variable.kind)) | \(variable.meaning.replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        return text + "\n"
    }

    private static func describe(_ kind: TemplateVariable.Kind) -> String {
        switch kind {
        case .text: "text"
        case .html: "HTML, for `{{{ }}}`"
        case .flag: "true or false"
        case .number: "number"
        case .textList: "list of text"
        case .numberList: "list of numbers"
        case .list(let view): "list of [\(view)](#\(anchor(view)))"
        case .object(let view): "[\(view)](#\(anchor(view))) or nothing"
        }
    }

    private static func names(view: String, _ kind: TemplateVariable.Kind) -> Bool {
        switch kind {
        case .list(let name), .object(let name): name == view
        default: false
        }
    }

    /// The id a Markdown viewer gives the heading `#### Name`.
    static func anchor(_ viewName: String) -> String { viewName.lowercased() }
}
