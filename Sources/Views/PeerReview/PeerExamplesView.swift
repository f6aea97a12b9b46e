import Domain
import Routes

/// The graded examples learners calibrate on (up to three): each with the levels the trainer
/// gave it, and a form to add one graded on the saved rubric. Shown in the assignment's editor
/// (authors) and on the cohort's examples page (its trainers); the examples are the course's.
enum PeerExamplesView {
    /// Where the forms post: adding one, and deleting each.
    struct Actions {
        let add: String
        let delete: (String) -> String
    }

    static func render(_ examples: [PeerAssignmentEditorModel.Example], rubric: Rubric, state: Form.State, actions: Actions,
                       title: String = "Examples for calibration", csrf: String) -> HTML {
        section(.class("card"), .id("examples"), .aria("labelledby", "examples-heading")) {
            h2(.id("examples-heading"), .class("card-title")) { title }
            p(.class("hint")) {
                "With calibration on, each learner assesses one of these before reviewing peers, then sees your assessment. Grade 1 to 3 examples on the saved rubric; every cohort running the course uses them."
            }
            Form.errorSummary(state)
            for example in examples {
                article(.class("received-review")) {
                    if !example.fits { p(.class("field-error")) { "The rubric changed since this example was graded: learners do not get it. Delete it and grade it again." } }
                    div(.class("prose submission")) { Markdown.render(example.text) }
                    if example.fits { AssessmentView.render(example.assessment, rubric: rubric) }
                    form(.method("post"), .action(actions.delete(example.id)), .class("inline-form")) {
                        Form.csrf(csrf)
                        button(.type("submit"), .class("button-small button-secondary")) { "Delete this example" }
                    }
                }
            }
            if examples.count < PeerReviewLimits.examples {
                form(.method("post"), .action(actions.add), .class("rubric-form")) {
                    Form.csrf(csrf)
                    Form.textArea("A new example (Markdown)", name: "example_text", state: state, required: true, rows: 6)
                    if let error = state.error("example_levels") { p(.class("field-error")) { error } }
                    for (i, criterion) in rubric.criteria.enumerated() {
                        PeerReviewPage.criterionField(i, criterion, values: state.values, comments: false)
                    }
                    Form.textArea("Your comment, shown to learners after they assess it", name: "overall", state: state, rows: 3)
                    button(.type("submit"), .class("button-secondary")) { "Save the example" }
                }
            }
        }
    }

    static func render(_ model: PeerAssignmentEditorModel, csrf: String) -> HTML {
        let org = model.organizationID, course = model.courseID, activity = model.activity.id
        return render(model.examples, rubric: model.settings.rubric, state: model.exampleState,
                      actions: .init(add: SiteRoute.peerExamples(org, course, activity).path,
                                     delete: { SiteRoute.peerExampleDelete(org, course, activity, $0).path }),
                      csrf: csrf)
    }
}

/// A cohort's trainers grade the examples of a peer assignment outside the course editor.
public struct PeerCohortExamplesModel: Sendable {
    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var activityID: Activity.ID
    public var activityTitle: String
    public var rubric: Rubric
    public var examples: [PeerAssignmentEditorModel.Example]
    public var state: Form.State
    /// Whether learners must pass one before reviewing (authors switch it in the editor).
    public var calibrationOn: Bool

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, activityID: Activity.ID, activityTitle: String, rubric: Rubric,
                examples: [PeerAssignmentEditorModel.Example], state: Form.State = .empty, calibrationOn: Bool) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.activityID = activityID; self.activityTitle = activityTitle
        self.rubric = rubric; self.examples = examples; self.state = state; self.calibrationOn = calibrationOn
    }
}

public enum PeerCohortExamplesPage {
    public static func render(_ model: PeerCohortExamplesModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID, cohort = model.cohortID, activity = model.activityID
        return Layout.page(title: "Examples: \(model.activityTitle)", context) {
            p(.class("breadcrumb")) { a(.href(SiteRoute.cohortActivity(org, cohort, activity).path)) { model.activityTitle } }
            h1 { "Examples for calibration" }
            p(.class("meta")) {
                model.calibrationOn ? "Calibration is on: learners assess one of these and pass before reviewing their peers."
                    : "Calibration is off for this assignment: learners do not see these until an author turns it on in the course editor."
            }
            PeerExamplesView.render(model.examples, rubric: model.rubric, state: model.state,
                                    actions: .init(add: SiteRoute.peerCohortExamples(org, cohort, activity).path,
                                                   delete: { SiteRoute.peerCohortExampleDelete(org, cohort, activity, $0).path }),
                                    title: model.examples.isEmpty ? "No example yet" : "Graded examples", csrf: context.csrfToken)
        }
    }
}
