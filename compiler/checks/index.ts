/**
 * The registry of semantic rules, in code order: the checker runs them all.
 * A new rule is one file in this folder, one line here, one test file.
 */
import { UniqueFlowNames } from './UniqueFlowNames.js';
import { UniqueStateNames } from './UniqueStateNames.js';
import { KnownTransitionTargets } from './KnownTransitionTargets.js';
import { UniqueDeclarationNames } from './UniqueDeclarationNames.js';
import { UniqueFieldNames } from './UniqueFieldNames.js';
import { KnownLegs } from './KnownLegs.js';
import { KnownLegEvents } from './KnownLegEvents.js';
import { KnownEventTriggers } from './KnownEventTriggers.js';
import { KnownEmits } from './KnownEmits.js';
import { KnownArguments } from './KnownArguments.js';
import { RequiredArguments } from './RequiredArguments.js';
import { UniqueArguments } from './UniqueArguments.js';
import { SendTargetsInFile } from './SendTargetsInFile.js';
import { KnownSendEvents } from './KnownSendEvents.js';
import { KnownInStates } from './KnownInStates.js';
import { KnownDoneStates } from './KnownDoneStates.js';
import { DoneOfCompoundStates } from './DoneOfCompoundStates.js';
import { KnownNamesInExpressions } from './KnownNamesInExpressions.js';
import { KnownMembersInExpressions } from './KnownMembersInExpressions.js';
import { AssignmentsTargetVars } from './AssignmentsTargetVars.js';
import { KeysNameInputs } from './KeysNameInputs.js';
import { SingleKeyPerFlow } from './SingleKeyPerFlow.js';
import { SendTargetsHaveKeys } from './SendTargetsHaveKeys.js';
import { SingleInitialState } from './SingleInitialState.js';
import { FinalStatesHaveNoChildren } from './FinalStatesHaveNoChildren.js';
import { FinalStatesHaveNoTransitions } from './FinalStatesHaveNoTransitions.js';
import { FinalStatesAreNotParallel } from './FinalStatesAreNotParallel.js';
import { ParallelStatesHaveRegions } from './ParallelStatesHaveRegions.js';
import { ReachableStates } from './ReachableStates.js';
import { FlowsHaveStates } from './FlowsHaveStates.js';
import { ModifiersAreNotRepeated } from './ModifiersAreNotRepeated.js';
import { UnshadowedTransitions } from './UnshadowedTransitions.js';
import { OperandsMatchOperators } from './OperandsMatchOperators.js';
import { GuardsAreBoolean } from './GuardsAreBoolean.js';
import { AssignmentsMatchVarTypes } from './AssignmentsMatchVarTypes.js';
import { InitialValuesMatchTypes } from './InitialValuesMatchTypes.js';
import { ArgumentsMatchFieldTypes } from './ArgumentsMatchFieldTypes.js';
import { DialAddressesAreUris } from './DialAddressesAreUris.js';
import { DelaysAreDurations } from './DelaysAreDurations.js';
import { DelaysArePositive } from './DelaysArePositive.js';
import { StatusesAreSipStatuses } from './StatusesAreSipStatuses.js';
import { ConferencesHaveTwoOrThreeLegs } from './ConferencesHaveTwoOrThreeLegs.js';
import { VerbOperandsAreTyped } from './VerbOperandsAreTyped.js';
import { DistinctLegsInVerbs } from './DistinctLegsInVerbs.js';
import { AnswersTargetInboundLegs } from './AnswersTargetInboundLegs.js';
import { HangupsAreHandled } from './HangupsAreHandled.js';
import { DialFailuresAreHandled } from './DialFailuresAreHandled.js';
import { FlowsEndWithLegsDown } from './FlowsEndWithLegsDown.js';
import { HeldLegsAreReleased } from './HeldLegsAreReleased.js';
import { ReferOutcomesAreAwaited } from './ReferOutcomesAreAwaited.js';
import type { Rule } from '../rule.js';

export const RULES: readonly Rule[] = [
  UniqueFlowNames,
  UniqueStateNames,
  KnownTransitionTargets,
  UniqueDeclarationNames,
  UniqueFieldNames,
  KnownLegs,
  KnownLegEvents,
  KnownEventTriggers,
  KnownEmits,
  KnownArguments,
  RequiredArguments,
  UniqueArguments,
  SendTargetsInFile,
  KnownSendEvents,
  KnownInStates,
  KnownDoneStates,
  DoneOfCompoundStates,
  KnownNamesInExpressions,
  KnownMembersInExpressions,
  AssignmentsTargetVars,
  KeysNameInputs,
  SingleKeyPerFlow,
  SendTargetsHaveKeys,
  SingleInitialState,
  FinalStatesHaveNoChildren,
  FinalStatesHaveNoTransitions,
  FinalStatesAreNotParallel,
  ParallelStatesHaveRegions,
  ReachableStates,
  FlowsHaveStates,
  ModifiersAreNotRepeated,
  UnshadowedTransitions,
  OperandsMatchOperators,
  GuardsAreBoolean,
  AssignmentsMatchVarTypes,
  InitialValuesMatchTypes,
  ArgumentsMatchFieldTypes,
  DialAddressesAreUris,
  DelaysAreDurations,
  DelaysArePositive,
  StatusesAreSipStatuses,
  ConferencesHaveTwoOrThreeLegs,
  VerbOperandsAreTyped,
  DistinctLegsInVerbs,
  AnswersTargetInboundLegs,
  HangupsAreHandled,
  DialFailuresAreHandled,
  FlowsEndWithLegsDown,
  HeldLegsAreReleased,
  ReferOutcomesAreAwaited,
];
