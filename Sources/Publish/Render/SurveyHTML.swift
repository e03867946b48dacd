import Survey
import Toolkit

/// A survey's web form and paper questionnaire, rendered through the theme's survey templates, which a
/// site or module can override.
public enum SurveyHTML {
    public static func webForm(_ survey: Survey, language: String?, theme: Theme, module: String? = nil) -> String {
        theme.library(for: module).render(Boxed(WebForm.view(survey, language: language)), withTemplate: "survey-form") ?? ""
    }

    public static func paper(_ survey: Survey, language: String?, theme: Theme, module: String? = nil) -> String {
        theme.library(for: module).render(Boxed(PaperQuestionnaire.view(survey, language: language)), withTemplate: "survey-paper") ?? ""
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
