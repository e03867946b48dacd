import Foundation
import Testing
@testable import Publish
import Toolkit
import Diagnostics
import Survey

/// The reference of template variables in docs/authoring.md is the one the views make, every variable a
/// view lists is one it answers, and every name the built-in templates use is a listed variable.
@Suite struct TemplateReferenceTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var allViews: [any TemplateView.Type] { TemplateReference.allViews }

    @Test func theAuthoringGuideHoldsTheReferenceTheViewsMake() throws {
        let url = Self.repository.appendingPathComponent("docs/authoring.md")
        let document = try String(contentsOf: url, encoding: .utf8)
        let refreshed = try #require(TemplateReference.refreshed(document),
                                     "docs/authoring.md has no section between \(TemplateReference.beginMarker) and \(TemplateReference.endMarker)")
        if ProcessInfo.processInfo.environment["DOORSTEP_REFRESH_TEMPLATE_REFERENCE"] == "1" {
            try refreshed.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(document == refreshed, """
            docs/authoring.md's template variables are not those the views list. Refresh them with
            DOORSTEP_REFRESH_TEMPLATE_REFERENCE=1 swift test --filter TemplateReferenceTests
            (or paste the output of `doorstep templates` between the markers).
            """)
    }

    @Test func everyBuiltInTemplateHasAViewAndEveryNamedViewExists() {
        #expect(TemplateReference.templates.map { $0.name }.sorted() == Theme.templateNames.sorted())
        let names = Self.allViews.map { $0.viewName }
        #expect(Set(names).count == names.count, "a view is listed twice")
        for view in Self.allViews {
            for variable in view.variables {
                switch variable.kind {
                case .list(let name), .object(let name):
                    #expect(TemplateReference.view(named: name) != nil, "\(view.viewName).\(variable.name) names \(name), which is not in the reference")
                default: break
                }
            }
        }
        let reached = Set(Self.allViews.flatMap { view in
            view.variables.compactMap { variable -> String? in
                switch variable.kind {
                case .list(let name), .object(let name): name
                default: nil
                }
            }
        })
        for view in TemplateReference.nestedViews {
            #expect(reached.contains(view.viewName), "\(view.viewName) is listed but no view holds it")
        }
    }

    /// Whether a value is one of `kind`; `NoValue` stands for an empty one.
    static func fits(_ value: Any?, _ kind: TemplateVariable.Kind, allowEmpty: Bool) -> Bool {
        if allowEmpty, value is NoValue { return true }
        switch kind {
        case .text, .html: return text(value).map { allowEmpty || !$0.isEmpty } ?? false
        case .flag: return value is Bool
        case .number: return value is Int
        case .textList: return value is [String]
        case .numberList: return value is [Int]
        case .list(let name):
            return (value as? [any TemplateView]).map { (allowEmpty || !$0.isEmpty) && $0.allSatisfy { type(of: $0).viewName == name } } ?? false
        case .object(let name): return (value as? any TemplateView).map { type(of: $0).viewName == name } ?? false
        }
    }

    /// The text a view answers, given as a string or as text ready for the engine.
    static func text(_ value: Any?) -> String? {
        (value as? TemplateText)?.text ?? value as? String
    }

    /// Checks every value a view answers, then the views inside it.
    static func walk(_ view: any TemplateView, met: inout Set<String>, problems: inout [String]) {
        let viewType: any TemplateView.Type = Swift.type(of: view)
        met.insert(viewType.viewName)
        for variable in viewType.allVariables {
            let value = view.child(named: variable.name)
            if !fits(value, variable.kind, allowEmpty: true) {
                problems.append("\(viewType.viewName) answers '\(variable.name)' with \(String(describing: value).prefix(80)), not \(variable.kind)")
            }
            if let list = value as? [any TemplateView] {
                for item in list { walk(item, met: &met, problems: &problems) }
            }
            if let object = value as? any TemplateView { walk(object, met: &met, problems: &problems) }
        }
        if view.child(named: "noSuchVariable") != nil { problems.append("\(viewType.viewName) answers a name it does not list") }
    }

    /// The survey views, as real surveys make them: every value they answer, list and object,
    /// followed down, must be of its listed kind, and every survey view must be met at least once.
    @Test func theToolkitsSurveysAnswerEveryVariableOfTheSurveyViewsWithItsKind() throws {
        // The toolkit has no rating question; the survey tests' fixtures have every kind.
        let surveys = ["toolkit-modules/survey-design/surveys/household", "toolkit-modules/survey-design/surveys/neighbourhood",
                       "toolkit-modules/survey-design/surveys/engagement-preferences",
                       "Tests/SurveyTests/Fixtures/valid/neighbourhood", "Tests/SurveyTests/Fixtures/valid/bilingual",
                       "Tests/SurveyTests/Fixtures/valid/logic"]
        var met: Set<String> = []
        var problems: [String] = []
        for name in surveys {
            let file = Self.repository.appendingPathComponent("\(name).survey.yml")
            let text = try String(contentsOf: file, encoding: .utf8)
            let survey = try #require(SurveyDecoder.decode(yaml: text, file: name).survey)
            for language in survey.languages.isEmpty ? [nil] : survey.languages.map(\.code) {
                Self.walk(Boxed(WebForm.view(survey, language: language)), met: &met, problems: &problems)
                Self.walk(Boxed(PaperQuestionnaire.view(survey, language: language)), met: &met, problems: &problems)
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
        let surveyViews = Self.allViews.map { $0.viewName }.filter { $0.hasPrefix("Survey") && $0 != "SurveyPageView" }
        #expect(Set(surveyViews).subtracting(met).isEmpty, "never met: \(Set(surveyViews).subtracting(met).sorted())")
    }

    @Test func everyListedVariableIsAnsweredWithAValueOfItsKind() {
        let samples = TemplateViewSamples.all
        // The survey views are checked on real surveys, above.
        for view in Self.allViews where !view.viewName.hasPrefix("Survey") || view.viewName == "SurveyPageView" {
            let sample = samples.first { type(of: $0).viewName == view.viewName }
            guard let sample else {
                Issue.record("no sample of \(view.viewName) in TemplateViewSamples")
                continue
            }
            for variable in type(of: sample).allVariables {
                let value = sample.child(named: variable.name)
                let fits: Bool
                switch variable.kind {
                case .text, .html: fits = Self.text(value).map { !$0.isEmpty } ?? false
                case .flag: fits = value is Bool
                case .number: fits = value is Int
                case .textList: fits = value is [String]
                case .numberList: fits = value is [Int]
                case .list(let name):
                    fits = (value as? [any TemplateView]).map { !$0.isEmpty && $0.allSatisfy { type(of: $0).viewName == name } } ?? false
                case .object(let name): fits = (value as? any TemplateView).map { type(of: $0).viewName == name } ?? false
                }
                #expect(fits, "\(view.viewName) answers '\(variable.name)' with \(String(describing: value)), not \(variable.kind)")
            }
            #expect(sample.child(named: "noSuchVariable") == nil)
        }
    }

    @Test func everyNameTheBuiltInTemplatesUseIsAListedVariable() throws {
        for (name, view) in TemplateReference.templates {
            let url = Self.repository.appendingPathComponent("Sources/Publish/Theme/templates/\(name).mustache")
            let problems = TemplateNames.unlisted(in: try String(contentsOf: url, encoding: .utf8), view: view)
            #expect(problems.isEmpty, "\(name).mustache: \(problems.joined(separator: "; "))")
        }
    }

    @Test func aNameNoViewListsIsFound() {
        #expect(TemplateNames.unlisted(in: "{{#toc}}{{id}}{{title}}{{idd}}{{/toc}}", view: PageView.self)
            == ["'idd' is not a variable of PageView or of a view around it"])
        #expect(TemplateNames.unlisted(in: "{{{summary}}}", view: PageView.self)
            == ["'summary' is written unescaped but is not HTML"])
        #expect(TemplateNames.unlisted(in: "{{#moduleNav}}{{#pages}}{{navKindLabel}}{{.}}{{/pages}}{{/moduleNav}}", view: PageView.self).isEmpty)
    }
}

/// Follows a template's sections through the views they open and reports every name none of them lists.
enum TemplateNames {
    static func unlisted(in template: String, view: any TemplateView.Type) -> [String] {
        // Each open section: the view it enters, if it enters one.
        var stack: [(any TemplateView.Type)?] = [view]
        var problems: [String] = []
        func lookUp(_ name: String) -> TemplateVariable? {
            for entry in stack.reversed() {
                if let found = entry?.allVariables.first(where: { $0.name == name }) { return found }
            }
            return nil
        }
        let tag = /\{\{(\{?)\s*([#^\/$<>&!]?)\s*([^}]*?)\s*\}?\}\}/
        for match in template.matches(of: tag) {
            let (triple, sigil, name) = (!match.output.1.isEmpty, String(match.output.2), String(match.output.3))
            switch sigil {
            case "!", ">": continue
            case "$", "<": stack.append(nil); continue
            case "/": stack.removeLast(); continue
            default: break
            }
            if name == "." { continue }
            guard let variable = lookUp(name) else {
                problems.append("'\(name)' is not a variable of \(view.viewName) or of a view around it")
                if sigil == "#" || sigil == "^" { stack.append(nil) }
                continue
            }
            if triple || sigil == "&", variable.kind != .html {
                problems.append("'\(name)' is written unescaped but is not HTML")
            }
            if sigil == "#" || sigil == "^" {
                switch variable.kind {
                case .list(let inner) where sigil == "#", .object(let inner) where sigil == "#":
                    stack.append(TemplateReference.view(named: inner))
                default: stack.append(nil)
                }
            }
        }
        return problems
    }
}

@Suite struct TemplateOverrideTests {
    func diagnostics(_ text: String) -> [String] {
        let file = SourceFile(path: "templates/page.mustache", text: text)
        return Theme.load(overrides: TemplateOverrides(site: [file])).diagnostics.map { "\($0.code):\($0.location?.line ?? 0)" }
    }

    @Test func anOverrideMayWriteEveryHTMLValueUnescapedAndNothingElse() {
        #expect(diagnostics("{{<layout}}{{$main}}{{{body}}}{{{printLink}}}{{/main}}{{$sidebar}}{{#moduleNav}}{{{pagesHTML}}}{{/moduleNav}}{{/sidebar}}{{/layout}}\n").isEmpty)
        #expect(diagnostics("{{<layout}}{{$main}}\n{{{title}}}{{/main}}{{/layout}}\n") == ["template-unescaped:2"])
    }
}
