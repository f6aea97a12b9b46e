import Domain
import Routes

public struct QuestionBankModel: Sendable {
    public struct Entry: Sendable {
        public let id: SiteRoute.UUIDText
        public let question: Question
        public init(id: SiteRoute.UUIDText, question: Question) { self.id = id; self.question = question }
    }

    /// A topic of the bank: the questions tagged with it and the lessons that teach it.
    public struct Topic: Sendable {
        public let name: String
        public let questions: Int
        public let lessons: Set<Activity.ID>
        public init(name: String, questions: Int, lessons: Set<Activity.ID>) {
            self.name = name; self.questions = questions; self.lessons = lessons
        }
    }

    /// A lesson of the course, to link to topics.
    public struct Lesson: Sendable {
        public let id: Activity.ID
        public let title: String
        public let module: String
        public init(id: Activity.ID, title: String, module: String) { self.id = id; self.title = title; self.module = module }
    }

    public var organizationID: Organization.ID
    public var courseID: Course.ID
    public var courseName: String
    public var questions: [Entry]
    public var topics: [Topic]
    public var lessons: [Lesson]
    /// The GIFT text of a refused import, shown again with what was wrong.
    public var importText: String
    public var importProblem: String?

    public init(organizationID: Organization.ID, courseID: Course.ID, courseName: String, questions: [Entry],
                topics: [Topic], lessons: [Lesson], importText: String = "", importProblem: String? = nil) {
        self.organizationID = organizationID; self.courseID = courseID; self.courseName = courseName
        self.questions = questions; self.topics = topics; self.lessons = lessons
        self.importText = importText; self.importProblem = importProblem
    }
}

/// A course's question bank: import GIFT (pasted or as a file), export it, the questions by
/// category, and the topics with the lessons that teach them.
public enum QuestionBankPage {
    public static func render(_ model: QuestionBankModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID
        let course = model.courseID
        return Layout.page(title: "Question bank · \(model.courseName)", context) {
            p(.class("breadcrumb")) {
                a(.href(SiteRoute.courses(org).path)) { "Courses" }
                " › "
                a(.href(SiteRoute.course(org, course).path)) { model.courseName }
            }
            h1 { "Question bank" }
            div(.class("toolbar")) {
                span(.class("meta")) {
                    "\(model.questions.count) question\(model.questions.count == 1 ? "" : "s") · \(model.topics.count) topic\(model.topics.count == 1 ? "" : "s")"
                }
                if !model.questions.isEmpty {
                    a(.href(SiteRoute.questionExport(org, course).path), .class("button button-small button-secondary")) {
                        "Export as GIFT"
                    }
                }
            }
            importCard(model, context)
            h2 { "Questions" }
            if model.questions.isEmpty {
                p(.class("empty")) { "No questions yet. Import a GIFT file (Moodle's plain-text quiz format) above." }
            }
            for (category, entries) in byCategory(model.questions) {
                section(.class("question-group")) {
                    if let category { h3 { category } }
                    ol(.class("question-list")) {
                        for entry in entries { questionRow(entry, model, context) }
                    }
                }
            }
            topicsSection(model, context)
        }
    }

    static func importCard(_ model: QuestionBankModel, _ context: LayoutContext) -> HTML {
        details(.class("card"), .open(model.questions.isEmpty || model.importProblem != nil)) {
            summary { "Import questions (GIFT)" }
            if let problem = model.importProblem {
                div(.class("flash flash-error"), .role("alert")) { p { "Nothing was imported: \(problem)" } }
            }
            form(.method("post"), .action(SiteRoute.questionImport(model.organizationID, model.courseID).path),
                 .enctype("multipart/form-data")) {
                Form.csrf(context.csrfToken)
                div(.class("field")) {
                    label(.for("gift")) { "GIFT text" }
                    p(.class("hint"), .id("gift-hint")) {
                        "One question per paragraph, e.g. “::Capital:: The capital of France is {=Paris ~Lyon ~Nice}”. Tag topics with a line “// [tag:negotiation]” before a question. Import is all or nothing."
                    }
                    textarea(.name("gift"), .id("gift"), .rows(8), .ariaDescribedby("gift-hint")) { model.importText }
                }
                div(.class("field")) {
                    label(.for("gift-file")) { "…or a .gift file" }
                    input(.type("file"), .name("file"), .id("gift-file"), .accept(".gift,.txt,text/plain"))
                }
                Form.submit("Import")
            }
        }
    }

    static func questionRow(_ entry: QuestionBankModel.Entry, _ model: QuestionBankModel, _ context: LayoutContext) -> HTML {
        let question = entry.question
        return li(.class("question-row"), .id("question-\(entry.id)")) {
            details {
                summary {
                    span(.class("badge")) { question.kind.label }
                    " "
                    strong { question.title ?? QuizTextHTML.excerpt(question.stem, limit: 90) }
                    for tag in question.tags { " "; span(.class("tag")) { tag } }
                }
                QuestionPreview.render(question)
                div(.class("actions")) {
                    a(.href(SiteRoute.question(model.organizationID, model.courseID, entry.id).path), .class("button button-small button-secondary")) {
                        "Edit"
                    }
                    form(.method("post"), .action(SiteRoute.questionDelete(model.organizationID, model.courseID, entry.id).path),
                         .class("inline-form")) {
                        Form.csrf(context.csrfToken)
                        button(.type("submit"), .class("button-small button-secondary danger")) { "Delete" }
                    }
                }
            }
        }
    }

    static func topicsSection(_ model: QuestionBankModel, _ context: LayoutContext) -> HTML {
        section(.class("card"), .aria("labelledby", "topics")) {
            h2(.id("topics")) { "Topics and the lessons that teach them" }
            if model.topics.isEmpty {
                p(.class("empty")) { "Topics come from the questions' tags. A learner weak on a topic is sent to its lessons." }
            } else if model.lessons.isEmpty {
                p(.class("empty")) { "The course has no lessons yet to link to its topics." }
            }
            for topic in model.topics {
                form(.method("post"), .action(SiteRoute.questionTopic(model.organizationID, model.courseID).path), .class("topic-form")) {
                    Form.csrf(context.csrfToken)
                    input(.type("hidden"), .name("topic"), .value(topic.name))
                    fieldset {
                        legend { span(.class("tag")) { topic.name }; " · \(topic.questions) question\(topic.questions == 1 ? "" : "s")" }
                        for lesson in model.lessons {
                            label(.class("check")) {
                                input(.type("checkbox"), .name("lessons[]"), .value(lesson.id.description), .checked(topic.lessons.contains(lesson.id)))
                                "\(lesson.title) (\(lesson.module))"
                            }
                        }
                        if !model.lessons.isEmpty { button(.type("submit"), .class("button-small")) { "Save lessons" } }
                    }
                }
            }
        }
    }

    /// The questions by category, in the order each category first appears.
    static func byCategory(_ entries: [QuestionBankModel.Entry]) -> [(String?, [QuestionBankModel.Entry])] {
        var order: [String?] = []
        var groups: [String?: [QuestionBankModel.Entry]] = [:]
        for entry in entries {
            let key = entry.question.category.map(categoryName)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
        }
        return order.map { ($0, groups[$0]!) }
    }

    /// Moodle's `$course$/top/Default for X` shown as “Default for X”.
    static func categoryName(_ path: String) -> String {
        let parts = path.split(separator: "/").filter { $0 != "$course$" && $0 != "$module$" && $0 != "$system$" && $0 != "top" }
        return parts.isEmpty ? path : parts.joined(separator: " › ")
    }
}
