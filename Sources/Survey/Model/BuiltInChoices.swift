/// Wording the survey engine supplies itself: built-in scales, Yes/No, consent and the added options.
/// Only languages listed here have built-in wording; for others authors give their own labels.
public enum BuiltInChoices {
    public static let scaleNames = ["agree5", "agree7", "frequency5", "satisfaction5", "likelihood5"]

    /// The languages every built-in text exists in.
    public static let languages: Set<String> = ["en", "cy"]

    static let scales: [String: [(code: String, text: [String: String])]] = [
        "agree5": [
            ("strongly_agree", ["en": "Strongly agree", "cy": "Cytuno'n gryf"]),
            ("agree", ["en": "Agree", "cy": "Cytuno"]),
            ("neither", ["en": "Neither agree nor disagree", "cy": "Ddim yn cytuno nac yn anghytuno"]),
            ("disagree", ["en": "Disagree", "cy": "Anghytuno"]),
            ("strongly_disagree", ["en": "Strongly disagree", "cy": "Anghytuno'n gryf"]),
        ],
        "agree7": [
            ("strongly_agree", ["en": "Strongly agree", "cy": "Cytuno'n gryf"]),
            ("agree", ["en": "Agree", "cy": "Cytuno"]),
            ("somewhat_agree", ["en": "Somewhat agree", "cy": "Cytuno rhywfaint"]),
            ("neither", ["en": "Neither agree nor disagree", "cy": "Ddim yn cytuno nac yn anghytuno"]),
            ("somewhat_disagree", ["en": "Somewhat disagree", "cy": "Anghytuno rhywfaint"]),
            ("disagree", ["en": "Disagree", "cy": "Anghytuno"]),
            ("strongly_disagree", ["en": "Strongly disagree", "cy": "Anghytuno'n gryf"]),
        ],
        "frequency5": [
            ("always", ["en": "Always", "cy": "Bob amser"]),
            ("often", ["en": "Often", "cy": "Yn aml"]),
            ("sometimes", ["en": "Sometimes", "cy": "Weithiau"]),
            ("rarely", ["en": "Rarely", "cy": "Anaml"]),
            ("never", ["en": "Never", "cy": "Byth"]),
        ],
        "satisfaction5": [
            ("very_satisfied", ["en": "Very satisfied", "cy": "Bodlon iawn"]),
            ("fairly_satisfied", ["en": "Fairly satisfied", "cy": "Eithaf bodlon"]),
            ("neither", ["en": "Neither satisfied nor dissatisfied", "cy": "Ddim yn fodlon nac yn anfodlon"]),
            ("fairly_dissatisfied", ["en": "Fairly dissatisfied", "cy": "Eithaf anfodlon"]),
            ("very_dissatisfied", ["en": "Very dissatisfied", "cy": "Anfodlon iawn"]),
        ],
        "likelihood5": [
            ("very_likely", ["en": "Very likely", "cy": "Tebygol iawn"]),
            ("fairly_likely", ["en": "Fairly likely", "cy": "Eithaf tebygol"]),
            ("neither", ["en": "Neither likely nor unlikely", "cy": "Ddim yn debygol nac yn annhebygol"]),
            ("fairly_unlikely", ["en": "Fairly unlikely", "cy": "Eithaf annhebygol"]),
            ("very_unlikely", ["en": "Very unlikely", "cy": "Annhebygol iawn"]),
        ],
    ]

    static let yesNo: [(code: String, text: [String: String])] = [
        ("yes", ["en": "Yes", "cy": "Ie"]),
        ("no", ["en": "No", "cy": "Na"]),
    ]

    static let consent: [(code: String, text: [String: String])] = [
        ("yes", ["en": "Yes, I agree to take part", "cy": "Ydw, rwy'n cytuno i gymryd rhan"]),
        ("no", ["en": "No, I do not agree", "cy": "Nac ydw, dydw i ddim yn cytuno"]),
    ]

    static let special: [SpecialOption: [String: String]] = [
        .other: ["en": "Other (please specify)", "cy": "Arall (nodwch)"],
        .dontKnow: ["en": "Don't know", "cy": "Ddim yn gwybod"],
        .preferNotToSay: ["en": "Prefer not to say", "cy": "Mae'n well gennyf beidio â dweud"],
    ]

    /// The label of the text box that follows "Other".
    static let pleaseSpecify: [String: String] = ["en": "Please specify", "cy": "Nodwch"]

    /// Built-in text for the given languages; a survey without declared languages gets English.
    static func text(_ table: [String: String], languages: [Language]) -> LocalizedText {
        guard !languages.isEmpty else { return LocalizedText(table["en"] ?? "") }
        return LocalizedText(entries: languages.map { language in
            LocalizedText.Entry(language: language.code, text: table[baseCode(language.code)] ?? table["en"] ?? "")
        })
    }

    /// `en-GB` → `en`.
    static func baseCode(_ code: String) -> String {
        String(code.lowercased().split(separator: "-").first ?? Substring(code))
    }

    static func choices(_ rows: [(code: String, text: [String: String])], languages: [Language]) -> [Choice] {
        rows.map { Choice(code: $0.code, label: text($0.text, languages: languages)) }
    }
}
