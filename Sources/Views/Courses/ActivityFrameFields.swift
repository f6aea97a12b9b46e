import Domain

/// The fields every activity kind shares in its editor: title, duration, required, due date.
enum ActivityFrameFields {
    static func render(_ activity: Activity, state: Form.State) -> HTML {
        let values = { (field: String, saved: String) in state.values[field] ?? saved }
        return HTML {
            Form.field("Title", name: "title", state: state, value: values("title", activity.title), autocomplete: "off")
            div(.class("field-row")) {
                Form.field("Duration (minutes)", name: "estimated_minutes", type: "number", state: state,
                           value: values("estimated_minutes", String(activity.estimatedMinutes)),
                           extra: [.min(ActivityInput.minutes.lowerBound), .max(ActivityInput.minutes.upperBound)])
                div(.class("field")) {
                    span(.class("label-like")) { "Completion" }
                    label(.class("check")) {
                        input(.type("checkbox"), .name("required"), .value("on"),
                              .checked(state.values.isEmpty ? activity.required : state.values["required"] == "on"))
                        "Required to complete the course"
                    }
                }
            }
            ScheduleFields.render(legend: "Due (optional)", field: "due", offset: activity.due, state: state, idPrefix: "")
        }
    }
}
