import Domain
import Routes

public struct PeerAssignmentEditorModel: Sendable {
    public var organizationID: Organization.ID
    public var courseID: Course.ID
    public var courseName: String
    public var moduleTitle: String
    public var activity: Activity
    public var settings: PeerAssignmentSettings
    /// A refused save: the values sent and what was wrong.
    public var state: Form.State
    public struct Example: Sendable {
        public let id: String
        public let text: String
        public let assessment: RubricAssessment
        /// Graded on the current rubric (false: the rubric changed since; learners do not get it).
        public let fits: Bool
        public init(id: String, text: String, assessment: RubricAssessment, fits: Bool) {
            self.id = id; self.text = text; self.assessment = assessment; self.fits = fits
        }
    }
    public var examples: [Example] = []
    public var exampleState: Form.State = .empty

    public init(organizationID: Organization.ID, courseID: Course.ID, courseName: String, moduleTitle: String, activity: Activity,
                settings: PeerAssignmentSettings, state: Form.State = .empty) {
        self.organizationID = organizationID; self.courseID = courseID; self.courseName = courseName; self.moduleTitle = moduleTitle
        self.activity = activity; self.settings = settings; self.state = state
    }
}

/// A peer assignment's settings: its frame, the instructions, the rubric (criteria and their
/// levels, one blank criterion and one blank level more than saved, so it works without script)
/// and how reviewing runs.
public enum PeerAssignmentEditorPage {
    public static func render(_ model: PeerAssignmentEditorModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID
        let activity = model.activity
        let state = model.state
        let settings = model.settings
        let value = { (field: String, saved: String) in state.values.isEmpty ? saved : state.value(field) }
        let checked = { (field: String, saved: Bool) in state.values.isEmpty ? saved : state.values[field] == "on" }
        return Layout.page(title: "Edit \(activity.title)", context) {
            ActivityHeader.editor(organizationID: org, courseID: model.courseID, courseName: model.courseName, activity: activity,
                                  moduleTitle: model.moduleTitle)
            Form.errorSummary(state)
            form(.method("post"), .action(SiteRoute.activityEdit(org, model.courseID, activity.id).path), .class("peer-editor")) {
                Form.csrf(context.csrfToken)
                ActivityFrameFields.render(activity, state: state)
                p(.class("hint")) { "The due date is the submission deadline (end of that day); reviews are due a set number of days later." }
                div(.class("field")) {
                    label(.for("instructions")) { "Instructions (Markdown)" }
                    HTML(element: "textarea", attributes: [.name("instructions"), .id("instructions"), .rows(8)],
                         content: HTML(value("instructions", settings.instructions)))
                }
                fieldset {
                    legend { "What learners hand in" }
                    let chosen = value("submission_kind", settings.submissionKind.rawValue)
                    for kind in PeerAssignmentSettings.SubmissionKind.allCases {
                        label(.class("check")) {
                            input(.type("radio"), .name("submission_kind"), .value(kind.rawValue), .checked(chosen == kind.rawValue))
                            kind.label
                        }
                    }
                    p(.class("hint")) { "Files: up to \(PeerReviewLimits.filesPerSubmission) documents or images per learner, each within the upload limit." }
                }
                fieldset(.class("rubric-editor")) {
                    legend { "Rubric" }
                    p(.class("hint")) {
                        "Each criterion has levels from worst to best, each worth some points. Leave a criterion or a level blank to remove it; save to get a blank one more."
                    }
                    let shown = state.values.isEmpty ? settings.rubric.criteria.count + 1
                        : (0..<PeerAssignmentInput.criterionSlots).last { criterionUsed($0, state) }.map { $0 + 2 } ?? 1
                    for i in 0..<min(shown, PeerAssignmentInput.criterionSlots) {
                        criterionFields(i, saved: i < settings.rubric.criteria.count ? settings.rubric.criteria[i] : nil, state: state)
                    }
                    Form.field("Overall comment: at least this many characters", name: "overall_minimum", type: "number", state: state,
                               value: value("overall_minimum", String(settings.rubric.overallCommentMinimum)),
                               extra: [.min(0), .max(Rubric.overallCommentRange.upperBound)])
                }
                fieldset {
                    legend { "Reviewing" }
                    div(.class("field-row")) {
                        Form.field("Reviews per submission (k)", name: "reviews_required", type: "number", state: state,
                                   value: value("reviews_required", String(settings.reviewsRequired)),
                                   hint: "Each learner also reviews this many.", extra: [.min(1), .max(10)])
                        Form.field("Days for reviewing after the deadline", name: "review_days", type: "number", state: state,
                                   value: value("review_days", String(settings.reviewDays)), extra: [.min(1), .max(60)])
                    }
                    div(.class("field-row")) {
                        Form.field("Hours a started review is held", name: "lease_hours", type: "number", state: state,
                                   value: value("lease_hours", String(settings.leaseHours)), extra: [.min(1), .max(168)])
                        Form.field("Hours before the review deadline to push short submissions", name: "push_hours", type: "number",
                                   state: state, value: value("push_hours", String(settings.pushHours)),
                                   hint: "First to learners who volunteer, then to the cohort's trainers.", extra: [.min(0), .max(336)])
                    }
                    check("anonymous", "Authors and reviewers do not see each other's names (staff see all)", checked("anonymous", settings.anonymous))
                    check("accepts_late", "Accept work handed in after the deadline (it is still reviewed)", checked("accepts_late", settings.acceptsLate))
                    check("self_assessment", "Also ask each learner to assess their own work (shown beside the grade, never counted)",
                          checked("self_assessment", settings.asksSelfAssessment))
                    check("calibration", "Learners first assess one of your graded examples (below) and pass within one level per criterion",
                          checked("calibration", settings.requiresCalibration))
                }
                div(.class("form-actions")) { button(.type("submit"), .class("button")) { "Save peer assignment" } }
            }
            PeerExamplesView.render(model, csrf: context.csrfToken)
        }
    }

    private static func check(_ name: String, _ text: String, _ isOn: Bool) -> HTML {
        label(.class("check")) {
            input(.type("checkbox"), .name(name), .value("on"), .checked(isOn))
            text
        }
    }

    private static func levelUsed(_ i: Int, _ j: Int, _ state: Form.State) -> Bool {
        !state.value("c\(i)_l\(j)_points").isEmpty || !state.value("c\(i)_l\(j)_text").isEmpty
    }

    private static func criterionUsed(_ i: Int, _ state: Form.State) -> Bool {
        !state.value("c\(i)_title").isEmpty || (0..<PeerAssignmentInput.levelSlots).contains { levelUsed(i, $0, state) }
    }

    private static func criterionFields(_ i: Int, saved: Rubric.Criterion?, state: Form.State) -> HTML {
        let value = { (field: String, savedText: String) in state.values.isEmpty ? savedText : state.value(field) }
        let levels = saved?.levels ?? []
        let used = state.values.isEmpty ? levels.count
            : (0..<PeerAssignmentInput.levelSlots).last { levelUsed(i, $0, state) }.map { $0 + 1 } ?? 0
        // One blank level more than used, and room for four at least (most rubrics have 3 to 5).
        let levelCount = min(max(used + 1, 4), PeerAssignmentInput.levelSlots)
        let levelError = state.error("c\(i)_levels")
        return fieldset(.class(levelError == nil ? "criterion" : "criterion field-invalid")) {
            legend { saved == nil ? "New criterion" : "Criterion \(i + 1)" }
            Form.field("Title", name: "c\(i)_title", state: state, value: value("c\(i)_title", saved?.title ?? ""), required: false,
                       autocomplete: "off")
            Form.field("What reviewers look for (optional)", name: "c\(i)_description", state: state,
                       value: value("c\(i)_description", saved?.description ?? ""), required: false, autocomplete: "off")
            if let levelError { p(.class("field-error"), .id("c\(i)_levels-error")) { levelError } }
            table(.class("level-table")) {
                thead { tr { th(.scope("col")) { "Points" }; th(.scope("col")) { "Level description" } } }
                tbody {
                    for j in 0..<levelCount {
                        let level = j < levels.count ? levels[j] : nil
                        tr {
                            td {
                                input(.type("number"), .name("c\(i)_l\(j)_points"), .id("c\(i)_l\(j)_points"),
                                      .value(value("c\(i)_l\(j)_points", level.map { String($0.points) } ?? "")),
                                      .min(0), .max(1000), .ariaLabel("Criterion \(i + 1), level \(j + 1): points"))
                            }
                            td {
                                input(.type("text"), .name("c\(i)_l\(j)_text"), .value(value("c\(i)_l\(j)_text", level?.description ?? "")),
                                      .ariaLabel("Criterion \(i + 1), level \(j + 1): description"))
                            }
                        }
                    }
                }
            }
            label(.class("check")) {
                input(.type("checkbox"), .name("c\(i)_comment"), .value("on"),
                      .checked(state.values.isEmpty ? (saved?.asksComment ?? true) : state.values["c\(i)_comment"] == "on"))
                "Reviewers may comment on this criterion"
            }
        }
    }
}
