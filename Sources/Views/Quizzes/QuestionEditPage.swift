import Domain
import Routes

public struct QuestionEditModel: Sendable {
    public var organizationID: Organization.ID
    public var courseID: Course.ID
    public var courseName: String
    public var id: SiteRoute.UUIDText
    /// The question as saved, previewed under the editor.
    public var question: Question
    /// The question in GIFT: as saved, or as last submitted when it was refused.
    public var gift: String
    public var problem: String?

    public init(organizationID: Organization.ID, courseID: Course.ID, courseName: String, id: SiteRoute.UUIDText,
                question: Question, gift: String, problem: String? = nil) {
        self.organizationID = organizationID; self.courseID = courseID; self.courseName = courseName
        self.id = id; self.question = question; self.gift = gift; self.problem = problem
    }
}

/// One question of the bank, edited in GIFT: every kind GIFT can write is editable the same way,
/// and what an author learns here works in any GIFT file.
public enum QuestionEditPage {
    public static func render(_ model: QuestionEditModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID
        let bank = SiteRoute.questionBank(org, model.courseID).path
        return Layout.page(title: "Edit question · \(model.courseName)", context) {
            p(.class("breadcrumb")) {
                a(.href(SiteRoute.course(org, model.courseID).path)) { model.courseName }
                " › "
                a(.href(bank)) { "Question bank" }
            }
            h1 { model.question.title ?? "Edit question" }
            p(.class("lead")) {
                model.question.kind.label
                if let category = model.question.category { " in “\(QuestionBankPage.categoryName(category))”" }
            }
            if let problem = model.problem {
                div(.class("flash flash-error"), .role("alert")) { p { "Not saved: \(problem)" } }
            }
            form(.method("post"), .action(SiteRoute.question(org, model.courseID, model.id).path)) {
                Form.csrf(context.csrfToken)
                div(.class(model.problem == nil ? "field" : "field field-invalid")) {
                    label(.for("gift")) { "The question in GIFT" }
                    p(.class("hint"), .id("gift-hint")) {
                        "One question. Topics: “// [tag:name]” lines before it. Answers: =right ~wrong ~%50%half #feedback, {T} or {F}, {#3.14:0.01}, {=a -> b}, {} for an essay; #### general feedback."
                    }
                    textarea(.name("gift"), .id("gift"), .rows(12), .ariaDescribedby("gift-hint"), .ariaInvalid(model.problem != nil)) { model.gift }
                }
                div(.class("form-actions")) {
                    Form.submit("Save question")
                    a(.href(bank + "#question-\(model.id)"), .class("button button-secondary")) { "Cancel" }
                }
            }
            section(.class("preview"), .aria("labelledby", "preview-heading")) {
                h2(.id("preview-heading"), .class("preview-heading")) { "As saved" }
                QuestionPreview.render(model.question)
            }
        }
    }
}
