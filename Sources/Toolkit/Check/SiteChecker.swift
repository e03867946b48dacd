import Diagnostics
import Survey

/// The check stage: everything that needs the whole site to judge, in one pass.
public enum SiteChecker {
    /// With a memory (the preview), a survey unchanged since the last build is not checked again.
    public static func check(_ site: Site, files: [String: String], directives: DirectiveRegistry? = nil,
                             memory: (any PageMemory)? = nil) -> [Diagnostic] {
        let directives = directives ?? site.directives
        var diagnostics = LinkChecker.check(site, files: files)
        for page in site.allPages {
            for directive in page.directives {
                diagnostics += directives.check(directive, in: site)
            }
        }
        diagnostics += parallelMap(site.surveys.map(\.survey)) { survey in
            memory?.checkedSurvey(survey) { SurveyValidator.validate(survey) } ?? SurveyValidator.validate(survey)
        }.flatMap { $0 }
        diagnostics += SurveyValidator.validateAcross(site.surveys.map(\.survey))
        diagnostics += ReadabilityCheck.check(site)
        diagnostics += GroupPlaceholderCheck.check(files)
        diagnostics += PlaceholderCheck.check(files)
        return diagnostics
    }
}
