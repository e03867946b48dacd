import Publish
import Toolkit
@testable import Survey

/// The web form and paper questionnaire as a site gets them: through the built-in theme's templates.
enum BuiltInTheme {
    static let theme: Theme? = Theme.load(overrides: TemplateOverrides()).theme
}

extension WebForm {
    static func html(_ survey: Survey, language: String? = nil) -> String {
        guard let theme = BuiltInTheme.theme else { return "the built-in theme did not load" }
        return SurveyHTML.webForm(survey, language: language ?? survey.defaultLanguage, theme: theme)
    }
}

extension PaperQuestionnaire {
    static func html(_ survey: Survey, language: String? = nil) -> String {
        guard let theme = BuiltInTheme.theme else { return "the built-in theme did not load" }
        return SurveyHTML.paper(survey, language: language ?? survey.defaultLanguage, theme: theme)
    }
}
