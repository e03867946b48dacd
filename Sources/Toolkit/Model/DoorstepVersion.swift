/// The version of this doorstep, as `doorstep --version` prints it and as module manifests name it.
public enum DoorstepVersion {
    public static let current = "1.0.0"
}
