package dev.deployer.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of {@code docs/architecture.md}, checked on the server's compiled classes
 * (tests excluded): one direction for every dependency, features above the shared layers, and a
 * feature reaching another only through its service and the values that service hands out.
 */
class PackageRulesTest {
    private static final String ROOT = "dev.deployer.server";
    /** What users do with deployer: each owns its resources, service, storage and rules. */
    static final List<String> FEATURES = List.of("apps", "audit", "auth", "build", "config", "deploy", "git",
            "hosts", "logs", "metrics", "notify", "releases", "repos", "run");
    /** What the features stand on; none of them knows a feature exists. */
    static final List<String> SHARED = List.of("db", "errors", "http", "remote", "secrets", "settings", "ssh", "storage");

    /**
     * Each feature's service: the classes other features may call, besides its values (records,
     * enums, hook interfaces, exceptions). Everything else in a feature (its DAOs, resources and
     * helpers) is its own. Adding an entry here is a decision to publish; write it down in
     * docs/architecture.md too.
     */
    static final Set<String> SERVICES = Set.of(
            "apps.AppService", "apps.JavaOptions", "apps.RepoUrls",
            "audit.AuditLog",
            "build.Builder", "build.ArtifactStore",
            "config.ConfigVars",
            "deploy.ReleaseFlow", "deploy.Deployments",
            "repos.AppRepositories");

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void everyPackageIsAFeatureOrASharedLayer() {
        Set<String> packages = SERVER.stream().map(JavaClass::getPackageName)
                .filter(p -> !p.equals(ROOT))
                .map(p -> p.substring(ROOT.length() + 1).split("\\.")[0])
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        List<String> known = new java.util.ArrayList<>(FEATURES);
        known.addAll(SHARED);
        org.assertj.core.api.Assertions.assertThat(known)
                .as("a new package must be placed in PackageRulesTest and docs/architecture.md")
                .containsAll(packages);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void sharedLayersNeverReachAFeatureOrTheWiring() {
        noClasses().that().resideInAnyPackage(packages(SHARED))
                .should().dependOnClassesThat().resideInAnyPackage(packages(FEATURES))
                .orShould().dependOnClassesThat().resideInAPackage(ROOT)
                .because("ssh, remote and the other shared layers serve every feature and know none of them")
                .check(SERVER);
    }

    @Test
    void nothingButTheWiringReachesTheWiring() {
        noClasses().that().resideOutsideOfPackage(ROOT)
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .because("the root package builds and wires the server; what it wires must not know it")
                .check(SERVER);
    }

    @Test
    void aFeatureReachesAnotherOnlyThroughItsServiceAndItsValues() {
        classes().that().resideInAnyPackage(packages(FEATURES))
                .should(reachOtherFeaturesOnlyThroughTheirServicesAndValues())
                .check(SERVER);
    }

    private static ArchCondition<JavaClass> reachOtherFeaturesOnlyThroughTheirServicesAndValues() {
        return new ArchCondition<>("reach other features only through their services, records, enums, interfaces and exceptions") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String feature = featureOf(item);
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    String other = featureOf(target);
                    if (other != null && !other.equals(feature) && !PUBLISHED.test(target)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** What a feature publishes to the others: its service, and the values and hooks that service speaks in. */
    private static final DescribedPredicate<JavaClass> PUBLISHED = DescribedPredicate.describe("published", c -> {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return SERVICES.contains(top.getName().substring(ROOT.length() + 1))
                || top.getSimpleName().endsWith("Service") || c.isRecord() || c.isEnum() || c.isInterface()
                || c.isAssignableTo(RuntimeException.class) || c.isArray() || top.isRecord() || top.isInterface();
    });

    private static String featureOf(JavaClass target) {
        String pkg = target.getPackageName();
        for (String feature : FEATURES) {
            if (pkg.equals(ROOT + "." + feature) || pkg.startsWith(ROOT + "." + feature + ".")) {
                return feature;
            }
        }
        return null;
    }

    private static String[] packages(List<String> names) {
        return names.stream().map(n -> ROOT + "." + n + "..").toArray(String[]::new);
    }
}
