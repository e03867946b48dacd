import Foundation
import Results
import Toolkit

extension Pipeline {
    /// Reads the results folder (the one place the stage touches the disk) and runs the results stage
    /// on every survey of the site.
    static func resultsStage(root: URL, site: Site, sources: ProjectSources) -> ResultsStage.Outcome {
        let folder = ResultsFolder.load(root: root, siteYAML: sources.siteConfig?.text,
                                       moduleFolders: site.config.moduleFolders.map(\.value))
        return ResultsStage.run(folder, surveys: site.surveys.map(\.survey))
    }
}
