import Foundation
@testable import OpsCore
import Testing

/// `action.yml` and the example workflows, parsed with opsctl's own YAML reader and checked
/// against the rules of SchemaStore's `github-action` and `github-workflow` schemas that a
/// mistake here would break: known keys only, every step naming `uses` or `run` (not both),
/// a `shell` on every `run` step of a composite action, a `value` on each of its outputs.
struct WorkflowFileTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let workflowNames = ["drift-detection.yml", "plan-on-pull-request.yml", "apply-on-merge.yml", "team-setup.yml"]

    static func load(_ relativePath: String) throws -> YAMLNode {
        let url = root.appendingPathComponent(relativePath)
        let source = SourceText(path: relativePath, bytes: Array(try Data(contentsOf: url)))
        let document = try YAML.parse(source)
        #expect(document.problems.isEmpty, "\(relativePath): \(document.problems.map(\.message))")
        return try #require(document.root, "\(relativePath) is empty")
    }

    static func keys(_ node: YAMLNode?) -> [String] {
        node?.mapping?.compactMap { $0.key.scalar?.text } ?? []
    }

    static func expectKnownKeys(_ node: YAMLNode?, _ known: Set<String>, _ place: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let unknown = keys(node).filter { !known.contains($0) }
        #expect(unknown.isEmpty, "\(place) has keys the schema does not allow: \(unknown)", sourceLocation: sourceLocation)
    }

    static let stepKeys: Set<String> = ["id", "if", "name", "uses", "run", "shell", "with", "env", "continue-on-error", "timeout-minutes", "working-directory"]

    /// A step names `uses` or `run`, not both; `uses` is `owner/repo@ref`, `./path` or `docker://`.
    static func expectStep(_ step: YAMLNode, _ place: String, composite: Bool) {
        expectKnownKeys(step, stepKeys, place)
        let uses = step["uses"]?.scalar?.text
        let run = step["run"]?.scalar?.text
        #expect((uses == nil) != (run == nil), "\(place) must name exactly one of uses and run")
        if let uses {
            let wellFormed = uses.hasPrefix("./") || uses.hasPrefix("docker://")
                || uses.range(of: #"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[A-Za-z0-9_./-]+$"#, options: .regularExpression) != nil
            #expect(wellFormed, "\(place): uses '\(uses)' is not owner/repo@ref, ./path or docker://image")
            #expect(step["shell"] == nil, "\(place): shell belongs to run steps")
        }
        if run != nil, composite {
            #expect(step["shell"]?.scalar != nil, "\(place): a run step of a composite action needs a shell")
        }
        if let with = step["with"] {
            #expect(with.mapping?.allSatisfy { $0.value.scalar != nil } == true, "\(place): with values are scalars")
        }
    }

    @Test func theActionIsACompositeActionTheSchemaAccepts() throws {
        let action = try Self.load("action.yml")
        Self.expectKnownKeys(action, ["name", "author", "description", "inputs", "outputs", "runs", "branding"], "action.yml")
        #expect(action["name"]?.scalar?.text == "opsctl")
        #expect(action["description"]?.scalar?.text.isEmpty == false)
        #expect(Set(Self.keys(action["inputs"])) == ["command", "args", "version", "working-directory", "download-url"])
        for input in action["inputs"]?.mapping ?? [] {
            Self.expectKnownKeys(input.value, ["description", "required", "default", "deprecationMessage"], "input \(input.key)")
            #expect(input.value["description"]?.scalar != nil, "input \(input.key) needs a description")
        }
        let outputs = Set(Self.keys(action["outputs"]))
        #expect(outputs.isSuperset(of: ["exitcode", "changes", "pending", "failing_checks", "plan_digest", "receipts_head", "plan_file"]))
        for output in action["outputs"]?.mapping ?? [] {
            Self.expectKnownKeys(output.value, ["description", "value"], "output \(output.key)")
            #expect(output.value["value"]?.scalar?.text.hasPrefix("${{ steps.") == true, "output \(output.key) of a composite action needs a value")
        }
        let runs = try #require(action["runs"])
        Self.expectKnownKeys(runs, ["using", "steps"], "runs")
        #expect(runs["using"]?.scalar?.text == "composite")
        let steps = try #require(runs["steps"]?.sequence)
        #expect(!steps.isEmpty)
        for (index, step) in steps.enumerated() {
            Self.expectStep(step, "action.yml step \(index + 1)", composite: true)
        }
        let colours: Set<String> = ["white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"]
        #expect(action["branding"]?["color"]?.scalar.map { colours.contains($0.text) } == true)
    }

    @Test func theScriptsTheActionRunsExistAndAreExecutable() throws {
        let action = try Self.load("action.yml")
        let runs = action["runs"]?["steps"]?.sequence?.compactMap { $0["run"]?.scalar?.text } ?? []
        #expect(runs.count == 2)
        for run in runs {
            let script = try #require(run.range(of: #"scripts/[A-Za-z0-9_/.-]+\.sh"#, options: .regularExpression).map { String(run[$0]) })
            #expect(FileManager.default.isExecutableFile(atPath: Self.root.appendingPathComponent(script).path), "\(script) is not executable")
        }
    }

    @Test(arguments: workflowNames)
    func everyExampleWorkflowParsesAndEveryStepNamesUsesOrRun(name: String) throws {
        let path = "examples/github-actions/\(name)"
        let workflow = try Self.load(path)
        Self.expectKnownKeys(workflow, ["name", "run-name", "on", "permissions", "env", "defaults", "concurrency", "jobs"], path)
        let events = try #require(workflow["on"]?.mapping, "\(path) needs on: with events")
        let knownEvents: Set<String> = ["schedule", "workflow_dispatch", "pull_request", "push", "pull_request_target", "workflow_run", "release"]
        for event in events {
            #expect(knownEvents.contains(event.key.scalar?.text ?? ""), "\(path): unexpected event \(event.key)")
        }
        for schedule in workflow["on"]?["schedule"]?.sequence ?? [] {
            #expect(schedule["cron"]?.scalar.flatMap { CronSchedule.problem(in: $0.text) } == nil, "\(path): invalid cron")
        }
        for permission in workflow["permissions"]?.mapping ?? [] {
            #expect(["read", "write", "none"].contains(permission.value.scalar?.text ?? ""), "\(path): permission \(permission.key)")
        }
        let jobs = try #require(workflow["jobs"]?.mapping)
        #expect(!jobs.isEmpty)
        for job in jobs {
            let jobName = job.key.scalar?.text ?? "?"
            Self.expectKnownKeys(job.value, ["name", "runs-on", "needs", "if", "permissions", "environment", "concurrency", "env", "defaults", "steps", "timeout-minutes", "strategy", "continue-on-error", "outputs"], "\(path) job \(jobName)")
            #expect(job.value["runs-on"]?.scalar != nil, "\(path) job \(jobName) needs runs-on")
            let steps = try #require(job.value["steps"]?.sequence, "\(path) job \(jobName) needs steps")
            #expect(!steps.isEmpty)
            var ids = Set<String>()
            for (index, step) in steps.enumerated() {
                Self.expectStep(step, "\(path) job \(jobName) step \(index + 1)", composite: false)
                if let id = step["id"]?.scalar?.text {
                    #expect(ids.insert(id).inserted, "\(path): step id \(id) is used twice")
                }
            }
        }
        try Self.expectStepReferencesResolve(path, jobs: jobs)
    }

    /// `steps.plan.outputs.exitcode` in a job must name a step `plan` of that job, and an
    /// output the action declares.
    static func expectStepReferencesResolve(_ path: String, jobs: [YAMLPair]) throws {
        let declared = Set(keys(try load("action.yml")["outputs"]))
        for job in jobs {
            let ids = Set(job.value["steps"]?.sequence?.compactMap { $0["id"]?.scalar?.text } ?? [])
            for text in scalars(in: job.value) {
                let pattern = #/steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/#
                for match in text.matches(of: pattern) {
                    #expect(ids.contains(String(match.1)), "\(path): steps.\(match.1) is not a step of its job")
                    #expect(declared.contains(String(match.2)), "\(path): the action has no output \(match.2)")
                }
            }
        }
    }

    static func scalars(in node: YAMLNode) -> [String] {
        switch node.content {
        case .scalar(let scalar): [scalar.text]
        case .sequence(let items): items.flatMap(scalars)
        case .mapping(let pairs): pairs.flatMap { scalars(in: $0.value) }
        }
    }
}
