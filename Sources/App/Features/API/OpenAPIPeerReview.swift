import Foundation

/// Peer review's part of the OpenAPI document (`APIPeerReviewController`).
extension OpenAPIDocument {
    static let peerOperations: [Operation] = [
        .init(method: "get", path: "/api/v1/organizations/{orgID}/cohorts/{cohortID}/peer-assignments/{assignmentID}", summary: "A peer assignment for the caller: their work, share of reviews and results (learners; reviewers unnamed when anonymous), or the cohort's report (staff)", success: 200, body: nil, response: "PeerAssignment", admin: false),
        .init(method: "put", path: "/api/v1/organizations/{orgID}/cohorts/{cohortID}/peer-assignments/{assignmentID}/submission", summary: "Hand in (or change, until reviewing starts) one's work as text (learners)", success: 200, body: "PeerSubmission", response: "PeerAssignment", admin: false),
        .init(method: "post", path: "/api/v1/organizations/{orgID}/cohorts/{cohortID}/peer-assignments/{assignmentID}/reviews", summary: "The review to do next: the one held, or the work that most needs a review (learners who handed in; 409 when none may be given)", success: 200, body: nil, response: "PeerReview", admin: false),
        .init(method: "get", path: "/api/v1/organizations/{orgID}/cohorts/{cohortID}/peer-reviews/{reviewID}", summary: "A review of one's own, or any for staff: the work (its author unnamed when anonymous), its files, the rubric", success: 200, body: nil, response: "PeerReview", admin: false),
        .init(method: "get", path: "/api/v1/organizations/{orgID}/cohorts/{cohortID}/peer-files/{fileID}", summary: "Download a file of a piece of work: its author and staff under its own name, a peer reviewer as work-file-N when anonymous (Content-Disposition); anyone else 404", success: 200, body: nil, response: nil, admin: false),
        .init(method: "put", path: "/api/v1/organizations/{orgID}/cohorts/{cohortID}/peer-reviews/{reviewID}", summary: "Assess the work: a level per criterion, comments, the overall comment (its reviewer, before the review deadline)", success: 200, body: "PeerAssessment", response: "PeerReview", admin: false),
    ]

    static var peerSchemas: [String: Any] {
        let dateTime: [String: Any] = ["type": ["string", "null"], "format": "date-time"]
        let level = object(["points": ["type": "integer"], "description": string], required: ["points", "description"])
        let criterion = object(["title": string, "description": string, "levels": ["type": "array", "items": level],
                                "asks_comment": ["type": "boolean"]], required: ["title", "description", "levels", "asks_comment"])
        let integers: [String: Any] = ["type": "array", "items": ["type": "integer", "minimum": 0],
                                       "description": "Per criterion in rubric order, the index of the level picked (0: the lowest)"]
        let strings: [String: Any] = ["type": "array", "items": string]
        let numbers: [String: Any] = ["type": ["array", "null"], "items": ["type": "number"]]
        return [
            "Rubric": object(["criteria": ["type": "array", "items": criterion], "overall_comment_minimum": ["type": "integer"]],
                             required: ["criteria", "overall_comment_minimum"]),
            "Assessment": object(["levels": integers, "comments": strings, "overall": string], required: ["levels", "comments", "overall"]),
            "WorkFile": object(["id": string, "name": ["type": "string", "description": "work-file-N.ext for a peer reviewer of an anonymous assignment"],
                                "content_type": string, "byte_count": ["type": "integer"], "url": string],
                               required: ["id", "name", "content_type", "byte_count", "url"]),
            "PeerSubmission": object(["text": ["type": "string", "maxLength": 100_000, "description": "Markdown"]], required: ["text"]),
            "PeerAssessment": object(["levels": integers, "comments": strings, "overall": string], required: ["levels", "overall"]),
            "PeerAssignment": object([
                "activity_id": uuid, "title": string, "instructions": ["type": "string", "description": "Markdown"],
                "submission_kind": ["type": "string", "enum": ["text", "files", "textAndFiles"]], "rubric": ref("Rubric"),
                "reviews_required": ["type": "integer"], "submission_deadline": dateTime, "review_deadline": dateTime,
                "anonymous": ["type": "boolean"], "asks_self_assessment": ["type": "boolean"], "requires_calibration": ["type": "boolean"],
                "work": object(["text": ["type": ["string", "null"]], "submitted_at": dateTime, "files": ["type": "array", "items": ref("WorkFile")],
                                "can_edit": ["type": "boolean"]], required: ["files", "can_edit"]),
                "share": object(["completed": ["type": "integer"], "in_progress": ["type": "integer"], "required": ["type": "integer"],
                                 "done": ["type": "boolean"]], required: ["completed", "in_progress", "required", "done"]),
                "held_review_id": ["type": ["string", "null"]], "must_calibrate": ["type": ["boolean", "null"]],
                "results": object([
                    "grades": numbers, "total": ["type": ["number", "null"]], "override_points": ["type": ["number", "null"]],
                    "override_comment": ["type": ["string", "null"]],
                    "reviews": ["type": "array", "items": object([
                        "id": string, "label": string, "by_staff": ["type": "boolean"],
                        "reviewer_name": ["type": ["string", "null"], "description": "Only when the assignment is not anonymous"],
                        "assessment": ref("Assessment"), "rating": ["type": ["string", "null"], "description": "helpful, somewhat or not"],
                        "counted": ["type": "boolean"]], required: ["id", "label", "by_staff", "assessment", "counted"])],
                    "self_assessment": ref("Assessment")], required: ["reviews"]),
                "learners": ["type": "array", "description": "Staff only", "items": object([
                    "name": string, "submission_id": ["type": ["string", "null"]], "submitted_at": dateTime,
                    "reviews_received": ["type": "integer"], "reviews_by_staff": ["type": "integer"], "reviews_done": ["type": "integer"],
                    "total": ["type": ["number", "null"]]], required: ["name", "reviews_received", "reviews_by_staff", "reviews_done"])],
            ], required: ["activity_id", "title", "instructions", "submission_kind", "rubric", "reviews_required", "anonymous"]),
            "PeerReview": object([
                "id": string, "kind": ["type": "string", "enum": ["peer", "self", "staff"]], "assignment_id": uuid, "assignment_title": string,
                "work_text": ["type": "string", "description": "Markdown"], "work_files": ["type": "array", "items": ref("WorkFile")],
                "author_name": ["type": ["string", "null"], "description": "Only for staff, or when the assignment is not anonymous"],
                "rubric": ref("Rubric"), "held_until": dateTime, "completed": ["type": "boolean"], "assessment": ref("Assessment"),
            ], required: ["id", "kind", "assignment_id", "assignment_title", "work_text", "work_files", "rubric", "completed"]),
        ]
    }
}
