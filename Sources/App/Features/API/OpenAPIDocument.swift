import Domain
import Foundation

/// The OpenAPI 3.1 description of `/api/v1`, served at `/api/openapi.json`. Tests walk every
/// operation here and call it, so the document cannot drift from the routes.
enum OpenAPIDocument {
    struct Operation {
        let method: String
        let path: String
        let summary: String
        let success: Int
        let body: String?
        let response: String?
        let admin: Bool
        var mediaType = "application/json"
        /// Query parameters (their schemas are in `queryParameters`).
        var query: [String] = []
    }

    static var queryParameters: [String: [String: Any]] {
        ["kind": ["name": "kind", "in": "query", "required": true,
                  "description": "What the file is for; decides its size limit (video: 200 MB, others: 20 MB by default)",
                  "schema": ["type": "string", "enum": ["image", "video", "attachment"]]],
         "activity_id": ["name": "activity_id", "in": "query", "description": "A lesson: the file becomes its video, or one more of its attachments",
                         "schema": uuid],
         "before": ["name": "before", "in": "query", "description": "A message number: the page ends just before it",
                    "schema": ["type": "integer", "minimum": 1]]]
    }

    static let operations: [Operation] = [
        .init(method: "get", path: "/api/v1/me", summary: "The signed-in person and their organizations", success: 200, body: nil, response: "Me", admin: false),
        .init(method: "get", path: "/api/v1/organizations", summary: "Organizations the person belongs to", success: 200, body: nil, response: "OrganizationList", admin: false),
        .init(method: "get", path: "/api/v1/organizations/{orgID}", summary: "One organization", success: 200, body: nil, response: "Organization", admin: false),
        .init(method: "get", path: "/api/v1/organizations/{orgID}/members", summary: "Members and their roles (admin)", success: 200, body: nil, response: "MemberPage", admin: true),
        .init(method: "get", path: "/api/v1/organizations/{orgID}/courses", summary: "Courses (admin, author)", success: 200, body: nil, response: "CoursePage", admin: true),
        .init(method: "post", path: "/api/v1/organizations/{orgID}/courses", summary: "Create a course (admin, author)", success: 201, body: "CreateCourse", response: "Course", admin: true),
        .init(method: "get", path: "/api/v1/organizations/{orgID}/cohorts", summary: "Cohorts: all for admins, one's own for others", success: 200, body: nil, response: "CohortPage", admin: false),
        .init(method: "post", path: "/api/v1/organizations/{orgID}/cohorts", summary: "Create a cohort (admin)", success: 201, body: "CreateCohort", response: "Cohort", admin: true),
        .init(method: "get", path: "/api/v1/organizations/{orgID}/cohorts/{cohortID}", summary: "One cohort", success: 200, body: nil, response: "Cohort", admin: false),
        .init(method: "get", path: "/api/v1/organizations/{orgID}/cohorts/{cohortID}/enrollments", summary: "Learners and staff of a cohort", success: 200, body: nil, response: "EnrollmentPage", admin: false),
        .init(method: "post", path: "/api/v1/organizations/{orgID}/cohorts/{cohortID}/enrollments", summary: "Enroll a member as a learner (admin); capacity is enforced", success: 201, body: "CreateEnrollment", response: "Enrollment", admin: true),
        .init(method: "delete", path: "/api/v1/organizations/{orgID}/cohorts/{cohortID}/enrollments/{personID}", summary: "Remove a learner (admin)", success: 204, body: nil, response: nil, admin: true),
        .init(method: "get", path: "/api/v1/organizations/{orgID}/invitations", summary: "Pending invitations (admin)", success: 200, body: nil, response: "InvitationPage", admin: true),
        .init(method: "post", path: "/api/v1/organizations/{orgID}/invitations", summary: "Invite someone by e-mail (admin)", success: 201, body: "CreateInvitation", response: "Invitation", admin: true),
        .init(method: "delete", path: "/api/v1/organizations/{orgID}/invitations/{invitationID}", summary: "Revoke an invitation (admin)", success: 204, body: nil, response: nil, admin: true),
        .init(method: "get", path: "/api/v1/organizations/{orgID}/courses/{courseID}", summary: "A course with its modules and activities in order (admin, author)", success: 200, body: nil, response: "CourseOutline", admin: true),
        .init(method: "post", path: "/api/v1/organizations/{orgID}/courses/{courseID}/status", summary: "Publish a course or make it a draft again (admin, author)", success: 200, body: "CourseStatus", response: "CourseOutline", admin: true),
        .init(method: "post", path: "/api/v1/organizations/{orgID}/courses/{courseID}/modules", summary: "Add a module at the end (admin, author)", success: 201, body: "CreateModule", response: "Module", admin: true),
        .init(method: "post", path: "/api/v1/organizations/{orgID}/courses/{courseID}/modules/{moduleID}/lessons", summary: "Add a lesson at the end of a module; its Markdown is rendered and sanitized (admin, author)", success: 201, body: "LessonInput", response: "Lesson", admin: true),
        .init(method: "get", path: "/api/v1/organizations/{orgID}/courses/{courseID}/activities/{activityID}", summary: "A lesson: its frame, Markdown and rendered HTML (admin, author)", success: 200, body: nil, response: "Lesson", admin: true),
        .init(method: "put", path: "/api/v1/organizations/{orgID}/courses/{courseID}/activities/{activityID}", summary: "Replace a lesson's frame and content; learners keep their progress (admin, author)", success: 200, body: "LessonInput", response: "Lesson", admin: true),
        .init(method: "get", path: "/api/v1/organizations/{orgID}/cohorts/{cohortID}/progress", summary: "Where the caller stands in the cohort's course (learners; staff see no states)", success: 200, body: nil, response: "Progress", admin: false),
        .init(method: "put", path: "/api/v1/organizations/{orgID}/cohorts/{cohortID}/activities/{activityID}/progress", summary: "Mark an activity done or not done (learners of the cohort)", success: 200, body: "ProgressUpdate", response: "Progress", admin: false),
        .init(method: "delete", path: "/api/v1/organizations/{orgID}/courses/{courseID}/activities/{activityID}", summary: "Delete an activity and learners' progress in it (admin, author)", success: 204, body: nil, response: nil, admin: true),
        .init(method: "post", path: "/api/v1/organizations/{orgID}/courses/{courseID}/files", summary: "Upload a file (streamed): its type is read from its bytes, never from its name; HTML and SVG are refused (admin, author)", success: 201, body: "UploadForm", response: "Upload", admin: true, mediaType: "multipart/form-data", query: ["kind", "activity_id"]),
        .init(method: "get", path: "/api/v1/organizations/{orgID}/courses/{courseID}/files", summary: "A course's files, newest first (admin, author)", success: 200, body: nil, response: "UploadPage", admin: true),
        .init(method: "get", path: "/api/v1/organizations/{orgID}/conversations", summary: "The caller's cohort channels and private conversations, most recent first, with unread counts", success: 200, body: nil, response: "ConversationList", admin: false),
        .init(method: "post", path: "/api/v1/organizations/{orgID}/conversations", summary: "Open (or find) the private conversation with someone of the caller's cohorts, as the cohort allows", success: 201, body: "StartConversation", response: "Conversation", admin: false),
        .init(method: "post", path: "/api/v1/organizations/{orgID}/conversations/{conversationID}/messages", summary: "Send a message (Markdown, 1 to 4,000 characters); the same ref sent again is saved once", success: 201, body: "SendMessage", response: "Message", admin: false),
        .init(method: "get", path: "/api/v1/organizations/{orgID}/conversations/{conversationID}/messages", summary: "The 50 messages before ?before= (default: the latest), oldest first", success: 200, body: nil, response: "MessagePage", admin: false, query: ["before"]),
        .init(method: "put", path: "/api/v1/organizations/{orgID}/conversations/{conversationID}/messages/{sequence}", summary: "Edit one's own message, within 15 minutes of sending it", success: 200, body: "SendMessage", response: "Message", admin: false),
        .init(method: "delete", path: "/api/v1/organizations/{orgID}/conversations/{conversationID}/messages/{sequence}", summary: "Delete one's own message, within 15 minutes of sending it", success: 204, body: nil, response: nil, admin: false),
        .init(method: "post", path: "/api/v1/organizations/{orgID}/conversations/{conversationID}/read", summary: "Mark the conversation read up to a message number (never moves back)", success: 204, body: "ReadUpTo", response: nil, admin: false),
    ] + peerOperations + [
        .init(method: "get", path: "/api/v1/notifications", summary: "The caller's latest notifications (private messages, mentions, followed forum threads), newest first", success: 200, body: nil, response: "NotificationList", admin: false),
        .init(method: "post", path: "/api/v1/notifications/read-all", summary: "Mark every notification read", success: 204, body: nil, response: nil, admin: false),
    ]

    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static var uuid: [String: Any] { ["type": "string", "format": "uuid"] }
    static var string: [String: Any] { ["type": "string"] }
    static var date: [String: Any] { ["type": "string", "format": "date"] }
    static var roles: [String: Any] { ["type": "array", "items": ["type": "string", "enum": ["admin", "author", "trainer", "facilitator", "learner"]]] }

    static func object(_ properties: [String: Any], required: [String]) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required]
    }

    static func page(of item: String) -> [String: Any] {
        object(["items": ["type": "array", "items": ref(item)], "page": ["type": "integer"], "per": ["type": "integer"],
                "total": ["type": "integer"]], required: ["items", "page", "per", "total"])
    }

    static var schemas: [String: Any] {
        [
            "Error": object(["error": object(["code": string, "message": string, "field": ["type": ["string", "null"]],
                                              "details": ["type": "array", "items": object(["field": string, "code": string, "message": string], required: ["field", "code", "message"])]],
                                             required: ["code", "message"])], required: ["error"]),
            "Organization": object(["id": uuid, "name": string, "roles": roles], required: ["id", "name", "roles"]),
            "OrganizationList": ["type": "array", "items": ref("Organization")],
            "Me": object(["id": uuid, "name": string, "email": ["type": "string", "format": "email"],
                          "organizations": ["type": "array", "items": ref("Organization")]], required: ["id", "name", "email", "organizations"]),
            "Member": object(["id": uuid, "name": string, "email": string, "roles": roles], required: ["id", "name", "email", "roles"]),
            "MemberPage": page(of: "Member"),
            "Course": object(["id": uuid, "name": string, "description": string, "status": ["type": "string", "enum": ["draft", "published"]]],
                             required: ["id", "name", "description", "status"]),
            "CoursePage": page(of: "Course"),
            "CreateCourse": object(["name": string, "description": string], required: ["name"]),
            "Cohort": object(["id": uuid, "name": string, "course_id": uuid, "start_date": date, "end_date": date,
                              "capacity": ["type": "integer"], "status": ["type": "string", "enum": ["upcoming", "running", "finished"]]],
                             required: ["id", "name", "course_id", "start_date", "end_date", "capacity", "status"]),
            "CohortPage": page(of: "Cohort"),
            "CreateCohort": object(["name": string, "course_id": uuid, "start_date": date, "end_date": date,
                                    "capacity": ["type": "integer", "minimum": 1, "maximum": 500, "default": 25]],
                                   required: ["name", "course_id", "start_date", "end_date"]),
            "Enrollment": object(["person_id": uuid, "name": string, "email": ["type": ["string", "null"], "description": "Hidden (null) from learners, except their own"],
                                  "role": ["type": "string", "enum": ["learner", "trainer", "facilitator"]]], required: ["person_id", "name", "role"]),
            "EnrollmentPage": page(of: "Enrollment"),
            "CreateEnrollment": object(["person_id": uuid], required: ["person_id"]),
            "Invitation": object(["id": uuid, "name": string, "email": string, "role": string, "cohort_id": ["type": ["string", "null"], "format": "uuid"],
                                  "expires_at": ["type": "string", "format": "date-time"],
                                  "link": ["type": ["string", "null"], "description": "Only when no mail server is configured, only when created."]],
                                 required: ["id", "name", "email", "role", "expires_at"]),
            "InvitationPage": page(of: "Invitation"),
            "Schedule": object(["week": ["type": "integer", "minimum": 1, "maximum": 104, "description": "1 is the week the cohort starts"],
                                "weekday": ["type": "integer", "minimum": 1, "maximum": 7, "description": "1 is Monday"]],
                               required: ["week", "weekday"]),
            "Activity": object(["id": uuid, "module_id": uuid, "kind": ["type": "string", "enum": ["lesson"]], "title": string,
                                "estimated_minutes": ["type": "integer"], "required": ["type": "boolean"], "position": ["type": "integer"],
                                "due": ["oneOf": [ref("Schedule"), ["type": "null"]]]],
                               required: ["id", "module_id", "kind", "title", "estimated_minutes", "required", "position"]),
            "Module": object(["id": uuid, "title": string, "position": ["type": "integer"], "unlock": ["oneOf": [ref("Schedule"), ["type": "null"]]],
                              "activities": ["type": "array", "items": ref("Activity")]], required: ["id", "title", "position", "activities"]),
            "CourseOutline": object(["id": uuid, "name": string, "description": string, "status": ["type": "string", "enum": ["draft", "published"]],
                                     "modules": ["type": "array", "items": ref("Module")]], required: ["id", "name", "description", "status", "modules"]),
            "CourseStatus": object(["status": ["type": "string", "enum": ["draft", "published"]]], required: ["status"]),
            "CreateModule": object(["title": string, "unlock": ref("Schedule")], required: ["title"]),
            "LessonInput": object(["title": string, "estimated_minutes": ["type": "integer", "minimum": 1, "maximum": 600, "default": 10],
                                   "required": ["type": "boolean", "default": false], "due": ref("Schedule"),
                                   "markdown": ["type": "string", "maxLength": 200_000],
                                   "video_url": ["type": "string", "description": "A YouTube or Vimeo link"]], required: ["title"]),
            "Lesson": object(["activity": ref("Activity"), "markdown": string,
                              "html": ["type": "string", "description": "Rendered from markdown and sanitized when saved"],
                              "video_url": ["type": ["string", "null"]]], required: ["activity", "markdown", "html"]),
            "ActivityProgress": object(["id": uuid, "title": string, "state": ["type": "string", "enum": ["not_started", "started", "done"]],
                                        "required": ["type": "boolean"], "due_on": ["type": ["string", "null"], "format": "date"]],
                                       required: ["id", "title", "state", "required"]),
            "ModuleProgress": object(["id": uuid, "title": string, "open": ["type": "boolean"], "opens_on": ["type": ["string", "null"], "format": "date"],
                                      "done": ["type": "integer"], "total": ["type": "integer"],
                                      "activities": ["type": "array", "items": ref("ActivityProgress")]],
                                     required: ["id", "title", "open", "done", "total", "activities"]),
            "Progress": object(["cohort_id": uuid, "course_id": uuid, "percent": ["type": "integer"], "done": ["type": "integer"],
                                "total": ["type": "integer"], "complete": ["type": "boolean"],
                                "resume_activity_id": ["type": ["string", "null"], "format": "uuid"],
                                "modules": ["type": "array", "items": ref("ModuleProgress")]],
                               required: ["cohort_id", "course_id", "percent", "done", "total", "complete", "modules"]),
            "ProgressUpdate": object(["done": ["type": "boolean"]], required: ["done"]),
            "UploadForm": object(["file": ["type": "string", "contentMediaType": "application/octet-stream",
                                           "description": "PNG, JPEG, GIF, WebP; MP4, WebM; PDF, OOXML, ODF, legacy Office, CSV or UTF-8 text"],
                                  "alt": ["type": "string", "description": "An image's description, used in its Markdown"]], required: ["file"]),
            "Upload": object(["id": uuid, "kind": ["type": "string", "enum": ["image", "video", "attachment"]], "filename": string,
                              "content_type": ["type": "string", "description": "Found in the file's bytes"], "byte_count": ["type": "integer"],
                              "url": ["type": "string", "description": "Served to who may see the course; supports Range requests"],
                              "markdown": ["type": ["string", "null"], "description": "For images: the Markdown that shows it in a lesson"],
                              "size_text": string, "remove_url": ["type": ["string", "null"]],
                              "created_at": ["type": ["string", "null"], "format": "date-time"]],
                             required: ["id", "kind", "filename", "content_type", "byte_count", "url", "size_text"]),
            "UploadPage": page(of: "Upload"),
            "Conversation": object(["id": uuid, "kind": ["type": "string", "enum": ["channel", "direct"]], "title": string, "cohort_id": uuid,
                                    "person_id": ["type": ["string", "null"], "format": "uuid", "description": "The other person of a private conversation"],
                                    "last_sequence": ["type": "integer"], "unread": ["type": "integer"],
                                    "last_message_at": ["type": ["string", "null"], "format": "date-time"]],
                                   required: ["id", "kind", "title", "cohort_id", "last_sequence", "unread"]),
            "ConversationList": ["type": "array", "items": ref("Conversation")],
            "StartConversation": object(["person_id": uuid], required: ["person_id"]),
            "SendMessage": object(["body": ["type": "string", "minLength": 1, "maxLength": 4_000, "description": "Markdown"],
                                   "ref": ["type": "string", "maxLength": 64, "description": "The client's reference: sent again, the message is saved once"]],
                                  required: ["body"]),
            "Message": object(["id": uuid, "conversation_id": uuid, "sequence": ["type": "integer"], "author_id": uuid, "author_name": string,
                               "body": ["type": "string", "description": "Markdown; empty once deleted"],
                               "html": ["type": "string", "description": "Rendered and sanitized"],
                               "sent_at": ["type": "string", "format": "date-time"],
                               "edited_at": ["type": ["string", "null"], "format": "date-time"], "deleted": ["type": "boolean"]],
                              required: ["id", "conversation_id", "sequence", "author_id", "author_name", "body", "html", "sent_at", "deleted"]),
            "MessagePage": object(["items": ["type": "array", "items": ref("Message")],
                                   "older_before": ["type": ["integer", "null"], "description": "Ask again with ?before= this for older messages"]],
                                  required: ["items"]),
            "ReadUpTo": object(["sequence": ["type": "integer", "minimum": 0]], required: ["sequence"]),
            "Notification": object(["id": uuid, "organization_id": uuid, "kind": ["type": "string", "enum": NotificationKind.allCases.map(\.rawValue)],
                                    "title": string, "excerpt": string, "url": string,
                                    "updated_at": ["type": "string", "format": "date-time"], "read": ["type": "boolean"]],
                                   required: ["id", "organization_id", "kind", "title", "excerpt", "url", "updated_at", "read"]),
            "NotificationList": object(["items": ["type": "array", "items": ref("Notification")], "unread": ["type": "integer"]],
                                       required: ["items", "unread"]),
            "CreateInvitation": object(["name": string, "email": ["type": "string", "format": "email"],
                                        "role": ["type": "string", "enum": ["admin", "author", "trainer", "facilitator", "learner"]],
                                        "cohort_id": uuid], required: ["name", "email", "role"]),
        ].merging(peerSchemas) { core, _ in core }
    }

    static func errorResponse(_ description: String) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": ref("Error")]]]
    }

    static var json: [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for op in operations {
            var responses: [String: Any] = [
                "401": errorResponse("Missing or unknown token"),
                "404": errorResponse("Unknown id, or not visible to this person"),
            ]
            if let response = op.response {
                responses["\(op.success)"] = ["description": "Success", "content": ["application/json": ["schema": ref(response)]]]
            } else {
                responses["\(op.success)"] = ["description": "Done"]
            }
            var operation: [String: Any] = ["summary": op.summary, "operationId": op.method + op.path.replacingOccurrences(of: "/", with: "_"),
                                            "responses": responses]
            let parameters = op.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { segment -> [String: Any] in
                let name = String(segment.dropFirst().dropLast())
                return ["name": name, "in": "path", "required": true, "schema": name == "sequence" ? ["type": "integer", "minimum": 1] : uuid]
            }
            var allParameters = parameters
            if op.method == "get", op.response?.hasSuffix("Page") == true {
                allParameters += [["name": "page", "in": "query", "schema": ["type": "integer", "minimum": 1]],
                                  ["name": "per", "in": "query", "schema": ["type": "integer", "minimum": 1, "maximum": 100]]]
            }
            allParameters += op.query.compactMap { queryParameters[$0] }
            if !allParameters.isEmpty { operation["parameters"] = allParameters }
            if let body = op.body {
                operation["requestBody"] = ["required": true, "content": [op.mediaType: ["schema": ref(body)]]]
                responses["400"] = errorResponse(op.mediaType == "application/json" ? "Malformed JSON or a wrong type" : "Not a multipart form with a file")
                responses["422"] = errorResponse(op.mediaType == "application/json" ? "A missing or invalid field" : "A file of a type that is refused")
                if op.mediaType != "application/json" { responses["413"] = errorResponse("Larger than the limit for its kind") }
                operation["responses"] = responses
            }
            paths[op.path, default: [:]][op.method] = operation
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Atelier API", "version": "1.0.0",
                     "description": "Small private online courses. Authenticate with a personal token from your profile page."],
            "servers": [["url": "/"]],
            "security": [["bearer": [String]()]],
            "paths": paths,
            "components": ["schemas": schemas, "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]],
        ]
    }

    static let data: Data = try! JSONSerialization.data(withJSONObject: json, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
}
