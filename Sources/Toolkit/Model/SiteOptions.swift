/// What one run asks of the model over what `content/site.yml` says: `--drafts` and `--base-url`.
public struct SiteOptions: Sendable, Hashable {
    /// Pages with `draft: true` are kept (for `doorstep serve`, or `build --drafts`); otherwise left out.
    public var includeDrafts: Bool
    /// Replaces `base_url` from site.yml; checked with `SiteConfig.baseURLProblem` and ending in '/'.
    public var baseURL: String?

    public init(includeDrafts: Bool = false, baseURL: String? = nil) {
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
    }
}
