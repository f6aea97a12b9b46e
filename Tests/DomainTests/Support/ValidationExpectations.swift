import Testing
@testable import Domain

/// The field errors an input check throws, in order; fails the test if it throws anything else
/// or nothing at all.
func fieldErrors<T>(sourceLocation: SourceLocation = #_sourceLocation,
                    _ check: () throws -> T) -> [FieldError] {
    do {
        let value = try check()
        Issue.record("Expected validation errors, got \(value)", sourceLocation: sourceLocation)
        return []
    } catch let error as ValidationErrors {
        return error.errors
    } catch {
        Issue.record("Expected ValidationErrors, got \(error)", sourceLocation: sourceLocation)
        return []
    }
}
