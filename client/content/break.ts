import type { BreathPhaseName } from '../../shared/break/breathing';
import type { BodyPlaceId, NeedId, ThoughtId, UrgeId } from '../../shared/break/needs';

/**
 * Every sentence the break companion shows. The reader is flooded: one idea per sentence,
 * plain words, no blame, nothing they must get right. Kept in one place for review and translation.
 */

export type ToolId = 'tipp' | 'grounding' | 'witness' | 'thoughts' | 'urges' | 'notes';

/**
 * The one 0–10 activation scale, with the same words on every screen that asks it (the break, ending
 * early, the reconnect check-in, the close).
 */
export const activationScale = {
  calmEnd: '0 · Calm',
  topEnd: '10 · Overwhelmed',
  valueLabel: (n: number) => `${n} out of 10`,
  groupLabel: 'From 0, calm, to 10, overwhelmed',
  hint: '0 is calm, 10 is overwhelmed.',
};

export const breakCopy = {
  companionLabel: 'Your break',
  privateNote: 'Only on this phone. Your partner never sees it.',
  backToBreathing: 'Back to breathing',

  rating: {
    beforeTitle: 'How activated are you?',
    afterTitle: 'Time is up. How activated are you now?',
    hint: 'One tap. There is no wrong answer.',
    skip: 'Skip',
  },

  after: {
    settling: 'Your body is settling. That is a good sign.',
    moreTime: 'Your body is still on alert. That is okay.',
    moreTimeHint: 'More time often helps. It is okay to ask for it.',
    dropped: (before: number, after: number) => `From ${before} to ${after}. The break is working.`,
  },

  breathing: {
    title: 'Breathe with the circle',
    phase: {
      in: 'Breathe in',
      hold: 'Hold',
      out: 'Breathe out',
    } satisfies Record<BreathPhaseName, string>,
    instruction: (phase: string, seconds: number) => `${phase}… ${seconds}`,
    staticDescription: (inSeconds: number, outSeconds: number) =>
      `Breathe in for ${inSeconds}. Breathe out for ${outSeconds}. Let the out-breath be the long one.`,
    circleLabel: (inSeconds: number, outSeconds: number) =>
      `A circle that grows as you breathe in for ${inSeconds} and shrinks as you breathe out for ${outSeconds}`,
    paceLegend: 'Pace',
    paceOption: (inSeconds: number, outSeconds: number) => `${inSeconds} in · ${outSeconds} out`,
    vibrate: 'Vibrate when it changes',
  },

  tools: {
    title: 'Something else that helps',
    names: {
      tipp: 'Calm the body fast',
      grounding: '5-4-3-2-1',
      witness: 'Be kind to the part that hurts',
      thoughts: 'Check a thought',
      urges: 'What do I feel like doing?',
      notes: 'Private notepad',
    } satisfies Record<ToolId, string>,
    blurbs: {
      tipp: 'Cool water, moving, tensing and letting go.',
      grounding: 'Come back to the room, one sense at a time.',
      witness: 'Notice the hurt without judging it.',
      thoughts: 'Some thoughts keep the storm going.',
      urges: 'Find the need under the urge.',
      notes: 'Write anything. Just for you.',
    } satisfies Record<ToolId, string>,
  },

  tipp: {
    title: 'Calm the body fast',
    lead: 'Your body can calm your mind. Pick one.',
    cold: {
      title: 'Cool water',
      /** Read before the steps: cold on the face slows the heart. */
      caution:
        'First, a safety note. Skip this one if you have a heart problem, a slow heartbeat, or take heart medicine (like beta-blockers). ' +
        'Skip it too if you have, or had, an eating disorder. If you are not sure, ask a doctor first.',
      steps: [
        'Fill a bowl with cool water. Cool, not ice-cold. Or use a cool, wet cloth.',
        'Hold your breath and put your face in it for up to 30 seconds.',
        'Or splash your face and hold something cool to your eyes and cheeks.',
      ],
    },
    move: {
      title: 'Move hard, briefly',
      caution:
        'First, a safety note. Skip this one if you have a heart or breathing problem, are pregnant, or are hurt. ' +
        'Go only as hard as is safe for your body. Stop if you feel pain, dizzy or short of breath.',
      steps: [
        'Walk fast, climb stairs, or do jumping jacks.',
        'Go hard for a few minutes.',
        'Then slow down and let your breath settle.',
      ],
    },
    muscles: {
      title: 'Tense and let go',
      steps: [
        'As you breathe in, tense your hands and arms.',
        'As you breathe out, let them go. Notice the difference.',
        'Do the same with your shoulders, your face, your belly, your legs.',
      ],
    },
  },

  grounding: {
    title: '5-4-3-2-1',
    lead: 'Take your time with each one. Say them out loud or in your head.',
    steps: [
      'Name 5 things you can see.',
      'Name 4 things you can feel. Your feet on the floor, your clothes.',
      'Name 3 things you can hear.',
      'Name 2 things you can smell.',
      'Name 1 thing you can taste.',
    ],
    progress: (step: number, total: number) => `Step ${step} of ${total}`,
    next: 'Next',
    back: 'Back',
    done: 'You are here, in this room. Take one slow breath.',
    again: 'Start again',
  },

  witness: {
    title: 'Be kind to the part that hurts',
    lead: 'Talk about the hurt as a part of you, not all of you.',
    partLabel: 'A part of me is…',
    partHint: 'For example: “…scared I will be left.”',
    bodyLegend: 'Where do I feel it in my body?',
    bodyPlaces: {
      chest: 'Chest',
      throat: 'Throat',
      stomach: 'Stomach',
      shoulders: 'Shoulders',
      jaw: 'Jaw',
      head: 'Head',
      hands: 'Hands',
    } satisfies Record<BodyPlaceId, string>,
    bodyOtherLabel: 'Somewhere else, or how it feels',
    kindLabel: 'One kind sentence to that part',
    kindHint: 'As you would speak to a friend. For example: “I see you. It makes sense you are scared.”',
    innerChildTitle: 'A young part of you may be scared',
    innerChildBody:
      'Sometimes the part that hurts feels very young, like a child who is scared of being left. ' +
      'You can be the grown-up for that part now: “I am here. I am not leaving you.”',
    noQuestion: 'Can I hear a “no” without taking it personally?',
    noAnswer: 'A “no” is about this moment. It is not a verdict on you.',
    fantasyTitle: 'It is okay to grieve the fantasy.',
    fantasyBody:
      'Maybe you hoped for a partner who would always know what to say, and always make you feel safe. ' +
      'No one can do that every time. It is okay to feel sad about that. Being sad about it is how you let it go, bit by bit.',
  },

  thoughts: {
    title: 'Check a thought',
    lead: 'Some thoughts keep the storm going. Do you have one of these?',
    kinds: {
      'innocent-victim': {
        name: 'Feeling like the innocent one',
        examples: ['“I don’t deserve this.”', '“Why does this always happen to me?”'],
        counter: 'We are both hurting right now. I can take care of myself while we cool down.',
      },
      'righteous-indignation': {
        name: 'Wanting to get even',
        examples: ['“I’ll show them.”', '“How dare they.”'],
        counter: 'I am angry because something matters to me. I can say what I need later, calmly.',
      },
    } satisfies Record<ThoughtId, { name: string; examples: string[]; counter: string }>,
    pick: 'This is me',
    picked: 'This is me (chosen)',
    counterIntro: 'Try this thought instead:',
  },

  urges: {
    title: 'What do I feel like doing?',
    lead: 'Urges are normal. Noticing one is enough. You do not have to act on it.',
    urgeLegend: 'Right now I feel like…',
    urges: {
      pursuit: 'Texting or calling them again',
      withdrawal: 'Going silent',
      'score-keeping': 'Keeping score',
      threat: 'Saying I might leave',
      jealousy: 'Making them jealous',
      other: 'Something else',
    } satisfies Record<UrgeId, string>,
    otherLabel: 'In my own words',
    needsLegend: 'What might I need underneath?',
    needsLead: 'The urge is a way of asking for something. Pick any that fit.',
    needs: {
      reassurance: 'Reassurance, to feel secure',
      closeness: 'Closeness, connection',
      understanding: 'To be heard and understood',
      respect: 'Respect',
      appreciation: 'Appreciation',
      autonomy: 'Space, my own choices',
      support: 'Support, help',
      fairness: 'Fairness, a shared load',
      trust: 'Trust, honesty',
      rest: 'Rest, calm',
      predictability: 'To know what to expect',
      affection: 'Affection, touch',
    } satisfies Record<NeedId, string>,
    next: 'Next',
    back: 'Back',
    done: 'Done',
    saved: 'Saved on this phone. It will be here when you talk again.',
    edit: 'Change it',
  },

  /** Held messages: written now, delivered when the couple reconnects. */
  held: {
    toolName: (name: string) => `Write to ${name}`,
    toolBlurb: 'You decide later whether to send it.',
    title: (name: string) => `Write to ${name}`,
    waiting: 'When you reconnect, you’ll see it again and choose whether to send it.',
    notNow: (name: string) => `${name} won’t see it, or know it’s there, unless you send it.`,
    label: 'Your message',
    hint: 'What you want them to know later. No need to settle anything now.',
    save: 'Keep it for later',
    saveEdit: 'Save changes',
    cancelEdit: 'Cancel',
    yoursTitle: 'Kept for after the break',
    savedOne: 'Saved. You’ll see it again when you reconnect.',
    pending: 'Kept on this phone for now. It will be saved when you’re back online.',
    offline: 'You’re offline. Anything you write stays on this phone and is saved when you’re back online.',
    stuck: (reason: string) => `Not saved: ${reason} Your words are still here.`,
    edit: 'Change',
    discard: 'Delete',
    discardConfirm: 'Delete this message?',
    discardYes: 'Yes, delete',
    discardNo: 'Keep it',
    writtenAt: (time: string) => `Written at ${time}`,
    inboxTitle: (name: string) => `${name} wrote to you during the break`,
    inboxTitleUnknown: 'Your partner wrote to you during the break',
    inboxLead: 'Read it when you feel ready. It is only on this phone.',
    /** End-to-end encryption: the message failed its check (a phone set up again, or changed on the way). */
    unreadable:
      'This message can’t be opened on this phone. That can happen when a phone is set up again. When you are both calm, check that your safety codes match (in Settings).',
    putAway: 'Done reading',
  },

  /** The check-in when the time is up, next to the "I need more time" choices. */
  /** "I'm calm now" before 20 minutes: a gentle check, a fresh rating, then a second tap. */
  earlyEnd: {
    title: 'Before you end the break',
    lead: (minutes: number) =>
      `You have had ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}. The body usually needs about 20 minutes to settle, even when the mind feels calm.`,
    question: 'How activated are you right now?',
    calmTitle: 'Your body has settled.',
    calmLead: (name: string) => `If you end it now, ${name}’s phone will say you feel calm and are ready.`,
    confirm: 'End my break now',
    keep: 'Keep my break',
    notYetTitle: 'Your body is still on alert.',
    notYetLead: 'That is okay. The break goes on. A few slow breaths help.',
    back: 'Back to my break',
  },

  /** For the one waiting while their partner is on a break or not ready yet. */
  notes: {
    title: 'Private notepad',
    label: 'Notes for this break',
    hint: 'Write what you need to get out. Saved as you type.',
    saved: 'Saved on this phone',
  },
};
