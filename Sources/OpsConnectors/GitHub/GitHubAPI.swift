import Foundation
import OpsCore

/// The GitHub REST calls opsctl makes, over the shared client.
struct GitHubAPI: Sendable {
    let client: ServiceHTTPClient
    let owner: String
    let repo: String

    private var repoPath: String { "/repos/\(PathSegment.encode(owner))/\(PathSegment.encode(repo))" }

    func listLabels() async throws -> [LabelSnapshot] {
        try await allPages(of: "\(repoPath)/labels?per_page=100") { page in
            try page.decodeJSON([GitHubLabelBody].self).map(LabelSnapshot.init)
        }.flatMap { $0 }
    }

    func label(named name: String) async throws -> LabelSnapshot? {
        var request = ServiceRequest.get("\(repoPath)/labels/\(PathSegment.encode(name))")
        request.acceptedStatuses = [404]
        let response = try await client.send(request)
        if response.status == 404 { return nil }
        return LabelSnapshot(try response.decodeJSON(GitHubLabelBody.self))
    }

    func createLabel(_ label: LabelSnapshot) async throws -> LabelSnapshot {
        var body: [String: JSONValue] = ["name": .string(label.name), "color": .string(label.color)]
        if let description = label.description { body["description"] = .string(description) }
        let response = try await client.send(.json("POST", "\(repoPath)/labels", body: .object(body)))
        return LabelSnapshot(try response.decodeJSON(GitHubLabelBody.self))
    }

    func updateLabel(currentName: String, to label: LabelSnapshot) async throws -> LabelSnapshot {
        let body: JSONValue = .object([
            "new_name": .string(label.name),
            "color": .string(label.color),
            "description": .string(label.description ?? ""),
        ])
        let response = try await client.send(.json("PATCH", "\(repoPath)/labels/\(PathSegment.encode(currentName))", body: body))
        return LabelSnapshot(try response.decodeJSON(GitHubLabelBody.self))
    }

    /// 404 counts as done: the label is gone either way.
    func deleteLabel(named name: String) async throws {
        var request = ServiceRequest(method: "DELETE", target: "\(repoPath)/labels/\(PathSegment.encode(name))")
        request.acceptedStatuses = [404]
        request.idempotency = .idempotent
        _ = try await client.send(request)
    }

    /// Nil when the branch has no classic protection (GitHub answers 404 "Branch not protected").
    func protection(branch: String) async throws -> ProtectionSnapshot? {
        try await protectionBody(branch: branch).map(ProtectionSnapshot.init)
    }

    /// What the next PUT must keep; GitHub's defaults when the branch is not protected.
    func undeclaredProtection(branch: String) async throws -> UndeclaredProtection {
        try await protectionBody(branch: branch).map(UndeclaredProtection.init) ?? .none
    }

    private func protectionBody(branch: String) async throws -> GitHubProtectionBody? {
        var request = ServiceRequest.get("\(repoPath)/branches/\(PathSegment.encode(branch))/protection")
        request.acceptedStatuses = [404]
        let response = try await client.send(request)
        if response.status == 404 { return nil }
        return try response.decodeJSON(GitHubProtectionBody.self)
    }

    func putProtection(branch: String, _ protection: ProtectionSnapshot, keeping kept: UndeclaredProtection) async throws -> ProtectionSnapshot {
        var request = ServiceRequest.json(
            "PUT", "\(repoPath)/branches/\(PathSegment.encode(branch))/protection", body: protection.putBody(keeping: kept))
        // PUT replaces the whole protection, so repeating it after a lost response is safe.
        request.idempotency = .idempotent
        let response = try await client.send(request)
        return ProtectionSnapshot(try response.decodeJSON(GitHubProtectionBody.self))
    }

    /// Every page of a listing, each decoded by `decode` as soon as it arrives, in listing
    /// order. When the first page names the last by number, the rest are fetched concurrently
    /// (within the client's limit) instead of one `next` at a time, and the pages that arrive
    /// first are decoded while the others are still on their way; otherwise `rel="next"` is
    /// followed to the end.
    private func allPages<Item: Sendable>(
        of target: String, decode: @escaping @Sendable (ServiceResponse) throws -> [Item]
    ) async throws -> [[Item]] {
        let first = try await client.send(.get(target))
        let header = first.headers.values("Link").joined(separator: ", ")
        guard let next = LinkHeader.uri(rel: "next", in: header) else { return [try decode(first)] }
        if let last = LinkHeader.uri(rel: "last", in: header),
            let lastPage = PageNumber.of(last), PageNumber.of(next) == 2, lastPage >= 2, lastPage <= 1000
        {
            let targets = (2...lastPage).compactMap { PageNumber.replace(in: next, with: $0) }
            if targets.count == lastPage - 1 {
                return try await withThrowingTaskGroup(of: DecodedPage<Item>.self, returning: [[Item]].self) { group in
                    for (index, pageTarget) in targets.enumerated() {
                        group.addTask { DecodedPage(index: index + 1, items: try decode(try await client.send(.get(pageTarget)))) }
                    }
                    // The first page is decoded once the others are requested, not before.
                    var pages = [DecodedPage(index: 0, items: try decode(first))]
                    for try await page in group { pages.append(page) }
                    return pages.sorted { $0.index < $1.index }.map(\.items)
                }
            }
        }
        var pages = [try decode(first)]
        for try await page in client.paginateLinks(.get(next)) { pages.append(try decode(page)) }
        return pages
    }
}

/// A page decoded out of order, with its place in the listing.
struct DecodedPage<Item: Sendable>: Sendable {
    var index: Int
    var items: [Item]
}

/// The `page` query parameter of a pagination link.
enum PageNumber {
    static func of(_ link: String) -> Int? {
        URLComponents(string: link)?.queryItems?.first { $0.name == "page" }?.value.flatMap(Int.init)
    }

    static func replace(in link: String, with page: Int) -> String? {
        guard var components = URLComponents(string: link), var items = components.queryItems,
            let index = items.firstIndex(where: { $0.name == "page" })
        else { return nil }
        items[index].value = String(page)
        components.queryItems = items
        return components.string
    }
}

/// Percent-encodes one path segment: label names may hold spaces, `/` or emoji.
enum PathSegment {
    static func encode(_ text: String) -> String {
        PercentEncoding.encode(text)
    }
}
