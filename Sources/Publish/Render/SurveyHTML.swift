import Survey

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
