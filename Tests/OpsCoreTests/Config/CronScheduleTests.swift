import Testing
@testable import OpsCore

@Suite struct CronScheduleTests {
    @Test(arguments: ["0 9 * * *", "*/5 * * * *", "0 0 1 JAN *", "30 8 * * MON-FRI", "0 0 * * 0,6", "0-30/10 1-5 1,15 */2 sun",
                      "59 23 31 12 7", "0 12 * jan-mar mon,wed,fri"])
    func validSchedules(_ schedule: String) {
        #expect(CronSchedule.problem(in: schedule) == nil)
    }

    @Test(arguments: ["", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8",
                      "5-1 * * * *", "*/0 * * * *", "1/5 * * * *", "1,,2 * * * *", "* * * * FUN", "@daily", "a b c d e"])
    func invalidSchedules(_ schedule: String) {
        #expect(CronSchedule.problem(in: schedule) != nil)
    }
}
