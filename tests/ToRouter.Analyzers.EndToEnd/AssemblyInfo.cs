using Xunit;

// The suite measures waits between requests; running test classes side by side on a 2-core machine would
// add scheduling noise to those measurements, so the classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
