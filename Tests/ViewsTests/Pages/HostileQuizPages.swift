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
