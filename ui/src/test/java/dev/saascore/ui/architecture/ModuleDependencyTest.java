package dev.saascore.ui.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.saascore.command.ai.provider.ChatMessage;
import dev.saascore.command.ai.provider.DeltaSink;
import dev.saascore.command.messaging.SystemActor;
import org.axonframework.spring.stereotype.Aggregate;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module dependency table of DESIGN.md section 2, enforced. */
@AnalyzeClasses(packages = "dev.saascore", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleDependencyTest {

    @ArchTest
    static final ArchRule sharedKernelIsPlainJavaPlusAxonAnnotations = noClasses()
            .that().resideInAPackage("dev.saascore.kernel..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "jakarta.persistence..", "dev.saascore.command..",
                    "dev.saascore.query..", "dev.saascore.ui..");

    @ArchTest
    static final ArchRule commandSideKnowsOnlyTheSharedKernel = noClasses()
            .that().resideInAPackage("dev.saascore.command..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.saascore.query..", "dev.saascore.ui..");

    @ArchTest
    static final ArchRule querySideKnowsOnlyTheSharedKernel = noClasses()
            .that().resideInAPackage("dev.saascore.query..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.saascore.command..", "dev.saascore.ui..");

    @ArchTest
    static final ArchRule viewsReachTheDomainOnlyThroughGateways = noClasses()
            .that().resideInAPackage("dev.saascore.ui.views..")
            .should().dependOnClassesThat(insideTheSidesExceptTheAiGatewayApi())
            .orShould().dependOnClassesThat().resideInAnyPackage(
                    "dev.saascore.query..", "org.springframework.jdbc..",
                    "org.springframework.data..", "jakarta.persistence..", "org.axonframework.modelling..",
                    "org.axonframework.eventsourcing..", "org.axonframework.eventhandling..",
                    "org.axonframework.commandhandling.CommandBus", "org.axonframework.queryhandling.QueryBus");

    @ArchTest
    static final ArchRule theUiWiresButDoesNotCallIntoTheSides = noClasses()
            .that().resideInAPackage("dev.saascore.ui..")
            .should().dependOnClassesThat(insideTheSidesExceptTheAiGatewayApi());

    /**
     * The one door from the edge into the command side besides the buses: the AI gateway's API (streaming does not
     * fit a query), as issue 4 asks (ADR 0002), and the system-actor port the edge implements.
     */
    private static DescribedPredicate<JavaClass> insideTheSidesExceptTheAiGatewayApi() {
        return JavaClass.Predicates.resideInAnyPackage("dev.saascore.command..", "dev.saascore.query..")
                .and(not(JavaClass.Predicates.resideInAPackage("dev.saascore.command.ai.gateway")))
                .and(not(JavaClass.Predicates.belongToAnyOf(ChatMessage.class, DeltaSink.class, SystemActor.class)))
                .as("classes of the command or query side other than the AI gateway's API");
    }

    @ArchTest
    static final ArchRule aggregatesLiveOnTheCommandSide = classes()
            .that().areAnnotatedWith(Aggregate.class)
            .should().resideInAPackage("dev.saascore.command..");

    @ArchTest
    static final ArchRule messagesAreRecords = classes()
            .that().resideInAPackage("dev.saascore.kernel.tenant..")
            .and().haveSimpleNameNotEndingWith("Rules").and().areNotEnums()
            .should().beRecords();
}
