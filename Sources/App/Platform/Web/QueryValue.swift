import Vapor

extension Request {
    /// The query's value named `key`, or nil when the address has no query, lacks the key or its
    /// value is not a `T`. Vapor parses the whole query string again at each `query.get`; the busy
    /// pages usually have none, and then nothing is parsed.
    func queryValue<T: Decodable>(_ key: String, as type: T.Type = T.self) -> T? {
        guard let query = url.query, !query.isEmpty else { return nil }
        return try? self.query.get(T.self, at: key)
    }
}
