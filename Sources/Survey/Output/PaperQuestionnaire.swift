public enum PaperQuestionnaire {
    public static func html(_ survey: Survey) -> String { "" }
}
