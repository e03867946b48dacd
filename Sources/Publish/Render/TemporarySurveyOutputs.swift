import Foundation
import Survey
enum WebForm { static func html(_ s: Survey) -> String { "<p>form</p>" } }
enum PaperQuestionnaire { static func html(_ s: Survey) -> String { "<p>paper</p>" } }
enum Codebook { static func html(_ s: Survey) -> String { "" }; static func csv(_ s: Survey) -> String { "" } }
enum SurveyJSON { static func encode(_ s: Survey) -> String { "{}" } }
enum SurveySchema { static let json = "{}" }
enum XLSForm { static func xlsx(_ s: Survey) -> Data { Data() } }
