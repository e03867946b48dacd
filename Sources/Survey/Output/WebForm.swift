public enum WebForm {
    public static func html(_ survey: Survey) -> String { "" }
}
