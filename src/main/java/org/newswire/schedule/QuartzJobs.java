package org.newswire.schedule;

import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz, clustered on the JDBC job store in Newswire's own database, running the periodic jobs:
 * the dispatch tick and daily retention. Clustering makes each firing run on one process only;
 * misfires after an outage are skipped, not replayed in a burst.
 */
final class QuartzJobs {
  /** Quartz's SCHED_NAME: every process of one Newswire installation shares it. */
  static final String DEFAULT_CLUSTER = "newswire";

  private final Scheduler scheduler;

  private QuartzJobs(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  static QuartzJobs create(DataSource dataSource, String cluster, String instanceId,
      long tickMillis, Runnable dispatch, Runnable retention) throws SchedulerException {
    String dsName = "newswire-" + cluster + "-" + instanceId;
    // Quartz would close a pool it was given; this provider lends Newswire's and never closes it.
    DBConnectionManager.getInstance().addConnectionProvider(dsName, new ConnectionProvider() {
      @Override
      public java.sql.Connection getConnection() throws java.sql.SQLException {
        return dataSource.getConnection();
      }

      @Override
      public void shutdown() {}

      @Override
      public void initialize() {}
    });
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", cluster);
    p.setProperty("org.quartz.scheduler.instanceId", instanceId);
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.threadPool.threadCount", "2");
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", dsName);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    // After a database outage, retry the job store every 5 s rather than 15 s.
    p.setProperty("org.quartz.jobStore.dbRetryInterval", "5000");
    p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(Math.max(5000,
        2 * tickMillis)));
    StdSchedulerFactory factory = new StdSchedulerFactory(p);
    Scheduler s = factory.getScheduler();
    // Quartz keeps one scheduler per name per JVM and would hand a second process of the same
    // cluster in this JVM (tests, an embedding application) this one: each keeps its own.
    org.quartz.impl.SchedulerRepository.getInstance().remove(cluster);
    // Jobs are stored by class name; which work a firing does is decided by its job's name.
    s.setJobFactory((bundle, sched) -> {
      String name = bundle.getJobDetail().getKey().getName();
      return switch (name) {
        case "dispatch" -> new Work(dispatch);
        case "retention" -> new Work(retention);
        default -> throw new SchedulerException("unknown job " + name);
      };
    });
    JobDetail dispatchJob = JobBuilder.newJob(Work.class).withIdentity("dispatch")
        .storeDurably().build();
    Trigger tick = TriggerBuilder.newTrigger().withIdentity("dispatch-tick").forJob(dispatchJob)
        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
            .withIntervalInMilliseconds(tickMillis).repeatForever()
            .withMisfireHandlingInstructionNextWithRemainingCount())
        .startNow().build();
    JobDetail retentionJob = JobBuilder.newJob(Work.class).withIdentity("retention")
        .storeDurably().build();
    Trigger daily = TriggerBuilder.newTrigger().withIdentity("retention-daily")
        .forJob(retentionJob)
        .withSchedule(CronScheduleBuilder.dailyAtHourAndMinute(3, 17)
            .withMisfireHandlingInstructionDoNothing())
        .build();
    s.scheduleJob(dispatchJob, java.util.Set.of(tick), true);
    s.scheduleJob(retentionJob, java.util.Set.of(daily), true);
    return new QuartzJobs(s);
  }

  void start() throws SchedulerException {
    scheduler.start();
  }

  boolean isRunning() {
    try {
      return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
    } catch (SchedulerException e) {
      return false;
    }
  }

  /** Stops firing; waits for a running job to finish. */
  void shutdown() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      throw new IllegalStateException("Quartz shutdown failed: " + e.getMessage(), e);
    }
  }

  /** A firing runs its work; never two firings of one job at once across the cluster. */
  @DisallowConcurrentExecution
  static final class Work implements Job {
    private final Runnable work;

    Work(Runnable work) {
      this.work = work;
    }

    @Override
    public void execute(JobExecutionContext context) {
      work.run();
    }
  }
}
