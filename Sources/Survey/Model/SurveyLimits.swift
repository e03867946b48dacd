/// Bounds on what a survey file may ask for, so that no file can overflow a number or make an output huge.
public enum SurveyLimits {
    /// The largest number, of either sign, a survey may give for a bound, a length, an entry or a count.
    public static let largestNumber = 1_000_000_000
    /// Ruled lines for a long answer, as many as the `lines` directive allows.
    public static let maxLines = 60
    /// Points on a rating scale (0 to 20 at most).
    public static let maxRatingPoints = 21
    /// YAML values in one survey, counting every use of an alias (`*name`) in full, as the decoder reads them.
    public static let maxValues = 100_000
    /// The most times a repeated section is asked (people in a household), so paper stays printable.
    public static let maxRepeat = 20

    /// A whole number to print or count up to: rounded toward zero and clamped to ±`largestNumber`, so it never traps.
    static func whole(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        let limit = Double(largestNumber)
        return Int(Swift.min(Swift.max(value, -limit), limit).rounded(.towardZero))
    }
}

extension Question {
    /// The points a rating offers, at most `maxRatingPoints` of them, whatever the file says.
    public var ratingPoints: ClosedRange<Int> {
        let start = SurveyLimits.whole(min?.value ?? 0)
        let end = Swift.max(start, SurveyLimits.whole(max?.value ?? 10))
        return start...Swift.min(end, start + SurveyLimits.maxRatingPoints - 1)
    }

    /// Ruled lines for a long answer (4 unless the author says), kept within the `lines` limit.
    var answerLines: Int {
        Swift.min(Swift.max(lines ?? 4, 1), SurveyLimits.maxLines)
    }
}
