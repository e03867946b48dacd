import Survey
import Toolkit

/// A survey's web form and paper questionnaire, rendered through the theme's survey templates, which a
/// site or module can override.
public enum SurveyHTML {
    public static func webForm(_ survey: Survey, language: String?, theme: Theme, module: String? = nil) -> String {
        theme.render(WebForm.view(survey, language: language), template: "survey-form", module: module)
    }

    public static func paper(_ survey: Survey, language: String?, theme: Theme, module: String? = nil) -> String {
        theme.render(PaperQuestionnaire.view(survey, language: language), template: "survey-paper", module: module)
    }
}

extension RenderedOnce {
    /// A survey's paper questionnaire in one language, through `module`'s templates, rendered the first time it is asked for.
    func paper(_ entry: SurveyEntry, language: String?, theme: Theme, module: String?) -> String {
        html(for: [entry.sourcePath, entry.id, language ?? "-", module ?? "-"].joined(separator: "\u{0}")) {
            SurveyHTML.paper(entry.survey, language: language, theme: theme, module: module)
        }
    }
}
