import Domain
import Foundation
@testable import Views

/// Quiz pages' models for `HostilePagesTests`: a question of every kind, hostile text in every
/// field and in every format (HTML included: it is sanitised, never passed through).
extension HostilePagesTests {
    static var hostileQuestions: [Question] {
        let texts = QuizTextFormat.allCases.map { QuizText(evil, format: $0) }
        let choices = texts.map { Choice($0, weight: 50, feedback: $0) }
        let answers: [QuestionAnswers] = [
            .singleChoice(choices), .multipleResponse(choices),
            .trueFalse(.init(isTrue: true, trueFeedback: texts[2], falseFeedback: texts[0])),
            .shortAnswer(.init(accepted: [AcceptedText(evil, weight: 100, feedback: texts[2])])),
            .numerical([NumericAnswer(.value(3.14, tolerance: 0.01), feedback: texts[2]), NumericAnswer(.range(1, 2), weight: 50)]),
            .matching([MatchPair(prompt: texts[2], answer: evil), MatchPair(prompt: nil, answer: evil)]),
            .ordering(texts), .essay, .description,
        ]
        return answers.enumerated().map { index, answers in
            Question(title: evil, stem: texts[index % texts.count], answers: answers, generalFeedback: texts[2],
                     tags: [evil], reference: evil, category: evil)
        }
    }

    static var questionBank: QuestionBankModel {
        let lesson = QuestionBankModel.Lesson(id: .init(UUID()), title: evil, module: evil)
        return QuestionBankModel(organizationID: org, courseID: .init(UUID()), courseName: evil,
                                 questions: hostileQuestions.map { .init(id: evil, question: $0) },
                                 topics: [.init(name: evil, questions: 2, lessons: [lesson.id])], lessons: [lesson],
                                 importText: evil, importProblem: evil)
    }

    static var questionEdit: QuestionEditModel {
        QuestionEditModel(organizationID: org, courseID: .init(UUID()), courseName: evil, id: evil, question: hostileQuestions[0],
                          gift: evil, problem: evil)
    }
}

extension HostilePagesTests {
    static var hostileItems: [AttemptItem] {
        hostileQuestions.map { question in
            let count = switch question.answers {
            case .singleChoice(let c), .multipleResponse(let c): c.count
            case .matching(let p): p.count
            case .ordering(let i): i.count
            default: 0
            }
            return AttemptItem(questionID: evil, question: question, optionOrder: Array((0..<count).reversed()), points: 1)
        }
    }

    /// The cohort page as its staff see it, with the course's quizzes listed.
    static func cohortWithQuizzes(_ cohort: Cohort) -> CohortPageModel {
        var model = CohortPageModel(cohort: cohort, courseName: evil, status: .running,
                                    members: [.init(id: .init(UUID()), name: evil, email: evil, role: .trainer)],
                                    candidates: [], canManage: false)
        model.quizzes = [(activity.id, evil)]
        return model
    }

    static var quizEditor: QuizEditorModel {
        QuizEditorModel(organizationID: org, courseID: .init(UUID()), courseName: evil, moduleTitle: evil, activity: activity,
                        settings: QuizSettings(selection: .random([.init(topic: evil, count: 2)])),
                        bank: [.init(id: evil, kind: .essay, title: evil, tags: [evil])], topics: [(evil, 3)],
                        state: Form.State(values: ["questions": evil, "draw:" + evil: evil], errors: [FieldError("questions", .required)]))
    }

    static func quizStart(learner: Bool) -> QuizStartModel {
        var frame = lesson
        frame.isLearner = learner
        let statistics = ItemAnalysis.Statistics(graded: 2, facility: 25, discrimination: -10, picks: [0: 2], unanswered: 1)
        var model = QuizStartModel(frame: frame, settings: QuizSettings(maxAttempts: 3, timeLimitMinutes: 10),
                                   attempts: [.init(id: evil, number: 1, started: Date(), score: QuizScore(stored: 1, possible: 2, pending: 1),
                                                    passed: nil)],
                                   openAttemptID: evil, mastery: [(evil, 0.4)], problem: evil)
        model.report = .init(learners: [.init(name: evil, attempts: 2, bestPercent: 50, passed: false, latestAttemptID: evil, pending: 1)],
                             items: [.init(title: evil, kind: .singleChoice, tags: [evil], statistics: statistics, options: [evil, evil])])
        return model
    }

    static var quizAttempt: QuizAttemptModel {
        QuizAttemptModel(organizationID: org, cohortID: cohortID, attemptID: evil, quizTitle: evil, number: 1, items: hostileItems,
                         values: ["q3": [evil], "q4": [evil], "q7": [evil]], secondsLeft: 300, problem: evil)
    }

    static var quizResult: QuizResultModel {
        let responses: [QuestionResponse?] = [.choice(0), .choices([0, 1]), .truth(false), .text(evil), .number(evil), .matches([0, nil]),
                                              .order([1, 0, 2, 3]), .text(evil), nil]
        let items = hostileItems.enumerated().map { position, item in
            QuizResultModel.Item(position: position, item: item, response: responses[position],
                                 mark: QuestionMark(fraction: position == 7 ? nil : 0.5, feedback: [QuizText(evil, format: .html)]), comment: evil)
        }
        var model = QuizResultModel(organizationID: org, cohortID: cohortID, activityID: activity.id, quizTitle: evil, learnerName: evil,
                                    number: 2, score: QuizScore(stored: 3, possible: 8, pending: 1), passPercent: 60, items: items,
                                    showsRightAnswers: true, mastery: [(evil, 0.2)],
                                    weak: [.init(topic: evil, mastery: 0.2, lessons: [(activity.id, evil)], askForum: "/x?title=" + evil)])
        model.grading = .init(attemptID: evil, problem: (7, Form.State(values: ["percent": evil, "comment": evil],
                                                                         errors: [FieldError("percent", .invalid)])))
        return model
    }
}
