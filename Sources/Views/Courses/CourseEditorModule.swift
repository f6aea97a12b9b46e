import Domain
import Routes

/// One module in the course editor: its title and unlock day, its activities, and their buttons.
enum CourseEditorModule {
    static func render(_ entry: CourseEditorModel.Module, number: Int, isFirst: Bool, isLast: Bool,
                       organizationID org: Organization.ID, courseID: Course.ID, csrf: String) -> HTML {
        let module = entry.module
        let prefix = "module-\(module.id)-"
        return li(.class("card module-card"), .id("module-\(module.id)")) {
            div(.class("module-head")) {
                h3 { "Module \(number): "; module.title }
                if let unlock = module.unlock { p(.class("meta")) { "Unlocks \(unlock)" } }
                div(.class("actions")) {
                    moveButtons(SiteRoute.courseModuleMove(org, courseID, module.id).path, label: module.title,
                                isFirst: isFirst, isLast: isLast, csrf: csrf)
                    deleteButton(SiteRoute.courseModuleDelete(org, courseID, module.id).path,
                                 label: "Delete module \(module.title)", csrf: csrf,
                                 confirm: "Delete this module and its \(entry.activities.count) activities? Learners lose their progress in them.")
                }
            }
            if entry.activities.isEmpty {
                p(.class("meta")) { "No activities yet." }
            } else {
                ol(.class("activity-list")) {
                    for (index, activity) in entry.activities.enumerated() {
                        li(.class("activity-row")) {
                            a(.href(SiteRoute.activityEdit(org, courseID, activity.id).path), .class("activity-title")) { activity.title }
                            span(.class("meta")) { activityFacts(activity) }
                            div(.class("actions")) {
                                moveButtons(SiteRoute.activityMove(org, courseID, activity.id).path, label: activity.title,
                                            isFirst: index == 0, isLast: index == entry.activities.count - 1, csrf: csrf)
                                deleteButton(SiteRoute.activityDelete(org, courseID, activity.id).path,
                                             label: "Delete \(activity.title)", csrf: csrf,
                                             confirm: "Delete this activity? Learners lose their progress in it.")
                            }
                        }
                    }
                }
            }
            details(.class("module-more")) {
                summary { "Add a lesson, a quiz, a peer assignment or a live class, or edit the module" }
                form(.method("post"), .action(SiteRoute.moduleActivities(org, courseID, module.id).path), .class("add-activity")) {
                    input(.type("hidden"), .name("_csrf"), .value(csrf))
                    Form.field("Title of the new activity", name: "title", autocomplete: "off", idPrefix: prefix + "lesson-")
                    div(.class("form-actions")) {
                        button(.type("submit"), .name("kind"), .value(ActivityKind.lesson.rawValue), .class("button-small")) { "Add lesson" }
                        button(.type("submit"), .name("kind"), .value(ActivityKind.quiz.rawValue), .class("button-small button-secondary")) {
                            "Add quiz"
                        }
                        button(.type("submit"), .name("kind"), .value(ActivityKind.peerAssignment.rawValue),
                               .class("button-small button-secondary")) { "Add peer assignment" }
                        button(.type("submit"), .name("kind"), .value(ActivityKind.liveSession.rawValue),
                               .class("button-small button-secondary")) { "Add live class" }
                    }
                }
                form(.method("post"), .action(SiteRoute.courseModule(org, courseID, module.id).path)) {
                    input(.type("hidden"), .name("_csrf"), .value(csrf))
                    Form.field("Module title", name: "title", value: module.title, autocomplete: "off", idPrefix: prefix)
                    ScheduleFields.render(legend: "Unlocks (optional)", field: "unlock", offset: module.unlock, state: .empty, idPrefix: prefix)
                    button(.type("submit"), .class("button-small button-secondary")) { "Save module" }
                }
            }
        }
    }

    static func activityFacts(_ activity: Activity) -> String {
        var facts = [activity.kind.label, DurationText.minutes(activity.estimatedMinutes)]
        if activity.required { facts.append("required") }
        if let due = activity.due { facts.append("due \(due)") }
        return facts.joined(separator: " · ")
    }

    static func moveButtons(_ action: String, label: String, isFirst: Bool, isLast: Bool, csrf: String) -> HTML {
        form(.method("post"), .action(action), .class("inline-form move-form")) {
            input(.type("hidden"), .name("_csrf"), .value(csrf))
            if !isFirst {
                button(.type("submit"), .name("direction"), .value("up"), .class("button-icon"), .ariaLabel("Move \(label) up")) { "↑" }
            }
            if !isLast {
                button(.type("submit"), .name("direction"), .value("down"), .class("button-icon"), .ariaLabel("Move \(label) down")) { "↓" }
            }
        }
    }

    static func deleteButton(_ action: String, label: String, csrf: String, confirm: String) -> HTML {
        form(.method("post"), .action(action), .class("inline-form"), .data("confirm", confirm)) {
            input(.type("hidden"), .name("_csrf"), .value(csrf))
            button(.type("submit"), .class("button-link danger"), .ariaLabel(label)) { "Delete" }
        }
    }
}

/// "Week N, day" as two fields, both optional: a number and a day of the week.
public enum ScheduleFields {
    public static func render(legend text: String, field: String, offset: ScheduleOffset?, state: Form.State,
                              idPrefix: String) -> HTML {
        let weekName = field + "_week"
        let dayName = field + "_weekday"
        let week = state.values[weekName] ?? offset.map { String($0.week) } ?? ""
        let day = state.values[dayName] ?? offset.map { String($0.weekday) } ?? "1"
        let error = state.error(weekName)
        return fieldset(.class(error == nil ? "schedule-fields" : "schedule-fields field-invalid")) {
            legend { text }
            div(.class("field-row")) {
                Form.field("Week", name: weekName, type: "number", value: week, required: false,
                           hint: "1 is the week the cohort starts", idPrefix: idPrefix,
                           extra: [.min("\(ScheduleOffset.weeks.lowerBound)"), .max("\(ScheduleOffset.weeks.upperBound)")])
                Form.select("Day", name: dayName,
                            options: ScheduleOffset.weekdayNames.enumerated().map { (String($0.offset + 1), $0.element) },
                            selected: day, idPrefix: idPrefix)
            }
            if let error { p(.class("field-error")) { error } }
        }
    }
}

/// Durations as people say them.
public enum DurationText {
    public static func minutes(_ total: Int) -> String {
        if total < 60 { return "\(total) min" }
        let hours = total / 60, rest = total % 60
        return rest == 0 ? "\(hours) h" : "\(hours) h \(rest) min"
    }
}
