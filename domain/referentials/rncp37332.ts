/**
 * RNCP37332 "Manager Marketing, Data et Commerce Electronique (MS)", SKEMA Business School.
 * Block titles, competencies and assessment modalities are taken from the official record
 * (shared/seed/RNCP37332-fiche.txt); English labels are ours. Durations and the pass mark are the
 * school's operating defaults, not part of the record.
 */
import type { Referential } from '../schemas/referential';

// Plain typed data, defaults written out: workflows read it without zod (issue 15: zod and the schemas
// cost about 2 MB in each cached workflow). It is validated by `parseReferential` in
// test/domain/referential.test.ts and when the worker starts (validateReferentials).
export const rncp37332Data: Referential = {
  code: 'RNCP37332',
  title: {
    fr: 'Manager Marketing, Data et Commerce Electronique (MS)',
    en: 'Marketing, Data and E-commerce Manager (Specialised Master)',
  },
  level: 7,
  certifier: { name: 'SKEMA BUSINESS SCHOOL', siret: '78370584100022', website: 'https://www.skema.edu' },
  registration: { endDate: '2028-02-17' },
  nsfCodes: [
    { code: '312', label: 'Commerce, vente' },
    { code: '320p', label: 'Organisation et gestion' },
  ],
  romeCodes: [
    { code: 'M1707', label: 'Stratégie commerciale' },
    { code: 'M1706', label: 'Promotion des ventes' },
    { code: 'M1704', label: 'Management relation clientèle' },
    { code: 'E1101', label: 'Animation de site multimédia' },
    { code: 'E1402', label: 'Élaboration de plan média' },
  ],
  formacodes: [
    { code: '34093', label: 'Marketing digital' },
    { code: '31052', label: 'Data Warehouse' },
  ],
  routes: ['student', 'apprenticeship', 'continuing_education', 'professionalisation', 'individual', 'vae'],
  grading: { scale: 20, passMark: 10 },
  blocks: [
    {
      code: 'BC01',
      title: {
        fr: 'Concevoir et définir la stratégie commerciale digitale',
        en: 'Design and define the digital commercial strategy',
      },
      competencies: [
        'Mettre en place une veille en ligne portant sur les canaux les plus porteurs, le marché, les cibles et les concurrents, en utilisant des outils d’automatisation en ligne, en vue de collecter les informations nécessaires à la préparation des décisions de la Direction Générale.',
        'Analyser le positionnement des produits et services de l’organisation sur les marchés digitaux, en les comparant au travers de critères prédéfinis, en vue de proposer des actions, qui permettent à l’entreprise de dynamiser sa notoriété sur le marché et d’accroître ses avantages concurrentiels.',
        'Mener un audit de la stratégie d’acquisition de trafic en analysant le référencement naturel, social et payant en vue d’identifier des actions amélioratives et correctives qui permettront à l’entreprise d’atteindre les cibles qu’elle a définies.',
        'Analyser la performance commerciale de l’exploitation de la base de données en réalisant une segmentation par produit et profil de client, en vue d’identifier et optimiser les canaux, actions et leviers à mettre en place.',
        'Réaliser un état des lieux de l’efficacité des points de contact clients (site internet et/ou application) en appliquant les règles d’ergonomie et d’expérience utilisateur (UX) en vue de proposer une interface performante et accessible pour tous publics (notamment personnes en situation de handicap, …).',
        'Tester de manière ponctuelle et en continu la performance ergonomique du site ou de l’application, en exploiter le potentiel d’outils de diagnostic technique tels que “Dareboost, Hotjar”, “Google PageSpeed”, en vue de préparer des actions d’amélioration.',
        'Déterminer et hiérarchiser les canaux digitaux (référencement naturel, …) à utiliser, en analysant les tableaux de bord et en exploitant les audits, en vue de préparer un plan d’actions qui permet à l’entreprise d’atteindre ses objectifs commerciaux.',
        'Proposer des actions, par canal et par priorité stratégique, en tenant compte des enjeux économiques, des mutations du secteur de l’entreprise et des nouveaux comportements du consommateur, en vue de déployer la stratégie commerciale, dans un environnement omnicanal.',
      ],
      assessments: [
        {
          id: 'bc01-case-study',
          title: { fr: 'Étude de cas (dossier + présentation des résultats)', en: 'Case study (file and presentation of results)' },
          description:
            'Le candidat définit et met en place une démarche de veille sur un marché, une entreprise donnée. Il collecte, synthétise et met en forme les informations issues de cette veille. Il propose une analyse du positionnement de l’entreprise sur ce marché ou client. Il propose un plan d’action qui permet à l’entreprise d’accroitre sa notoriété.',
          mode: 'individual',
          individualMark: true,
          defence: 'individual',
        },
        {
          id: 'bc01-audit-file',
          title: { fr: 'Dossier d’audit - Travail individuel', en: 'Audit file, individual work' },
          description:
            'Il est attendu du candidat qu’il analyse les canaux utilisés par une entreprise pour acquérir et fidéliser prospects et clients, au travers de leur performance et de leur retour sur investissement. Il sera aussi demandé une analyse de la base de clients et prospects (segmentation).',
          mode: 'individual',
          individualMark: true,
          defence: 'none',
          expectedLength: { pages: 20, approximate: false },
        },
        {
          id: 'bc01-ux-group-file',
          title: { fr: 'Dossier collectif illustré d’une dizaine de pages', en: 'Illustrated group file of about ten pages' },
          description:
            'Il est demandé aux candidats de faire le diagnostic technique et d’analyser les points forts et faibles d’un site ou d’une application, en termes d’ergonomie et de l’UX du parcours client sur les interfaces utilisées par l’entreprise, au travers de captures photos et vidéos. Les outils tels que Dareboost, Hotjar ou autres seront mobilisés. Il est demandé aux candidats de porter une vigilance particulière aux publics rencontrant des difficultés à consulter des plateformes.',
          mode: 'collective',
          individualMark: false,
          defence: 'none',
          expectedLength: { pages: 10, approximate: true },
        },
        {
          id: 'bc01-strategic-brief',
          title: {
            fr: 'Rédaction d’un brief stratégique d’une dizaine de pages sur une semaine au sein d’une entreprise cible',
            en: 'Strategic brief of about ten pages, written in one week in a target company',
          },
          description:
            'Il est demandé aux candidats de formuler un plan d’actions qui mentionne les plateformes et canaux à utiliser pour atteindre les objectifs commerciaux, ainsi que les budgets et calendriers. Ce travail est individuel. Il est évalué par un jury de professionnels.',
          mode: 'individual',
          individualMark: true,
          defence: 'none',
          expectedLength: { pages: 10, approximate: true, timeAllowed: 'P1W' },
        },
      ],
    },
    {
      code: 'BC02',
      title: {
        fr: 'Définir et piloter la mise en œuvre de projets digitaux',
        en: 'Define and steer the implementation of digital projects',
      },
      competencies: [
        'Organiser, coordonner et animer une équipe projet, en tenant compte de sa diversité (culturelle, situation de handicap, etc.), afin de mobiliser tous les membres et en vue de répondre aux objectifs fixés par le donneur d’ordres.',
        'Conduire un projet en mode agile, en respectant un planning, un budget et en maîtrisant la communication avec les équipes techniques, en vue d’assurer sa sortie dans le respect des contraintes et objectifs de l’entreprise.',
        'Proposer à la Direction des actions liées au référencement naturel (SEO) pour conquérir une audience web qualifiée et durable pour l’entreprise et amplifier l’impact de l’ensemble de ses activités inbound marketing (création de contenu destiné à attirer une clientèle qualifiée).',
        'Piloter la mise en place d’une campagne d’emailing, en s’appuyant sur une segmentation de la base clients et en définissant le bon niveau de promotion à appliquer à une offre, en vue de conquérir et fidéliser une cible préalablement identifiée.',
        'Mettre en œuvre une démarche de communication sur les réseaux sociaux, en créant du contenu adapté, en vue d’étendre la notoriété de la marque et de créer une communauté.',
        'Utiliser les canaux d’acquisitions payants (SEA) tels que Google Ads, Facebook Ads outils Meta, en maîtrisant le fonctionnement des régies, et plateformes de vente d’espace publicitaire et les opérations de visibilité (affiliation, brand content…) en vue de conquérir une cible identifiée, de manière rentable et dans une démarche de social selling.',
        'Optimiser les campagnes de communication en fonction des résultats constatés et des coûts d’acquisition en identifiant les leviers les plus performants en vue de pérenniser les investissements mis en place.',
        'Créer et optimiser des campagnes sur le Réseau de Recherche Google, en utilisant des solutions automatisées, afin d’atteindre les objectifs marketing fixés par le donneur d’ordres.',
        'Concevoir et élaborer le périmètre fonctionnel et l’ergonomie d’un site e-commerce, d’une place de marché ou d’une application marchande, en comparant les solutions du marché, en vue de rédiger le cahier des charges.',
        'Rédiger un cahier des charges fonctionnel dans le but d’optimiser la structure du site, son tunnel de conversion, son taux de conversion, en veillant au respect des règles d’UX Design (expérience utilisateur) et aux enjeux de l’éco-conception.',
        'Proposer une interface accessible en tenant compte des recommandations des référentiels (Opquast, WCAG 2.0, …) pour qu’elle soit consultable par les personnes en situation de handicap.',
      ],
      assessments: [
        {
          id: 'bc02-project-simulation',
          title: {
            fr: 'Simulation : résolution d’une problématique réelle, en mode équipe ou agence',
            en: 'Simulation: solving a real problem as a project team or agency',
          },
          description:
            'Il est demandé aux candidats de travailler en équipe projet sur un cas réel ou inspiré d’une situation réelle présentée par une entreprise partenaire. Prise en compte de la diversité des membres de son équipe (handicap, culture…). Il est attendu une présentation de l’organisation du projet en mode “agile”, un budget, et la définition des spécificités fonctionnelles. Rédaction d’un rapport. Soutenance collective avec évaluation individuelle devant un jury de professionnels.',
          mode: 'collective',
          individualMark: true,
          defence: 'collective',
        },
        {
          id: 'bc02-organic-communication-plan',
          title: { fr: 'Réalisation individuelle d’un plan de communication en ligne', en: 'Individual online communication plan (organic levers)' },
          description:
            'Il est demandé aux candidats de proposer des actions de communication reposant sur les leviers organiques (référencement naturel, emailing et réseaux sociaux) d’une durée de 12 mois. Le plan doit viser l’accroissement de la notoriété de l’entreprise ou de la marque.',
          mode: 'individual',
          individualMark: true,
          defence: 'none',
          expectedLength: { approximate: false, note: { fr: 'Plan couvrant 12 mois', en: 'Plan covering 12 months' } },
        },
        {
          id: 'bc02-paid-communication-plan',
          title: { fr: 'Création d’un plan de communication. Travail individuel', en: 'Communication plan (paid levers), individual work' },
          description:
            'Il est demandé aux candidats de proposer des actions de communication reposant sur les leviers payants pour une durée de 12 mois. Le plan de communication doit viser des objectifs d’acquisition, de rétention ou de fidélisation de cibles données.',
          mode: 'individual',
          individualMark: true,
          defence: 'none',
          expectedLength: { approximate: false, note: { fr: 'Plan couvrant 12 mois', en: 'Plan covering 12 months' } },
        },
        {
          id: 'bc02-functional-specification',
          title: { fr: 'Création d’un cahier des charges fonctionnel', en: 'Functional specification' },
          description:
            'Il est demandé aux candidats de proposer un choix argumenté de la solution technologique. Que celle-ci soit adaptée au cas, avec une refonte de l’arborescence et des maquettes dans une logique SEO-friendly et user-centric. Il doit être consultable par des utilisateurs en situation de handicap. Il doit aussi tenir compte des enjeux liés à l’éco-conception (consommation de ressources énergétiques du site). Soutenance collective avec évaluation individuelle.',
          mode: 'collective',
          individualMark: true,
          defence: 'collective',
        },
      ],
    },
    {
      code: 'BC03',
      title: {
        fr: 'Piloter le processus de mesure de la performance marketing digital',
        en: 'Steer the measurement of digital marketing performance',
      },
      competencies: [
        'Identifier les indicateurs les plus pertinents, en utilisant les outils digitaux (visites, taux de transformation, taux de rebond…), en vue de traduire, par l’intermédiaire de tableaux de bord, les résultats des actions marketing mises en œuvre dans l’environnement digital.',
        'Mesurer le trafic d’un site ou d’une application au travers de KPIs prédéfinis, en mettant en place des solutions de suivi (tracking, Analytics) afin d’analyser sa performance et vérifier la réussite des objectifs fixés.',
        'Proposer une vision globale, synthétique et fine des indicateurs clés, en utilisant les plateformes d’agrégation de données et les interfaces dédiées, en vue de présenter les résultats à la Direction.',
        'Créer des tableaux de bord dédiés à la Gestion de la Relation Client (GRC), en s’appuyant sur une solution de visualisation des données, pour permettre à la Direction d’avoir une vision globale de la Base de Données clients et de son dynamisme.',
        'Effectuer un reporting, en s’appuyant sur les tableaux de bord proposés, en vue de permettre à la Direction d’évaluer le retour sur investissement des actions menées et de corriger et améliorer les actions à venir.',
        'Mesurer les impacts des actions marketing et/ou commerciales, en s’appuyant sur l’analyse du trafic d’un site ou d’une application à l’aide d’outils Analytics, en vue de mettre en place des actions correctives ou amélioratives.',
      ],
      assessments: [
        {
          id: 'bc03-kpi-case-study',
          title: { fr: 'Étude de cas', en: 'Case study on key indicators' },
          description:
            'Il est demandé aux candidats, face à une problématique marketing donnée, de déterminer des indicateurs clés à suivre, en en précisant les lieux de collecte, les objectifs et en justifiant ses choix. Travail individuel.',
          mode: 'individual',
          individualMark: true,
          defence: 'none',
        },
        {
          id: 'bc03-dashboard-simulation',
          title: { fr: 'Simulation (individuelle)', en: 'Dashboard simulation (individual)' },
          description:
            'Il est demandé aux candidats une présentation synoptique des données collectées via des plateformes d’agrégation. Il est demandé aux candidats de créer un tableau de bord global via un outil de data visualisation. Il sera amené à générer des tableaux de bord et comptes-rendus selon les données fournies et l’objectif recherché.',
          mode: 'individual',
          individualMark: true,
          defence: 'none',
        },
        {
          id: 'bc03-oral-case-presentation',
          title: { fr: 'Présentation orale et individuelle d’une étude de cas', en: 'Individual oral presentation of a case study' },
          description:
            'Il est demandé aux candidats de préparer un dossier comprenant les tableaux de bord et leurs explications, et de le présenter devant un jury de professionnels représentant un Comité de Direction.',
          mode: 'individual',
          individualMark: true,
          defence: 'individual',
        },
      ],
    },
    {
      code: 'BC04',
      title: {
        fr: 'Valoriser l’ensemble des données client et webmarketing pour en faire un levier de création de valeur',
        en: 'Turn customer and web-marketing data into a lever of value creation',
      },
      competencies: [
        'Extraire, collecter, préparer et trier la donnée interne, en identifiant les sources pertinentes, pour enrichir et améliorer la connaissance client.',
        'Exploiter la donnée extérieure à l’entreprise (marché, concurrents), en identifiant les valeurs aberrantes et en sélectionnant les données pertinentes, en vue de proposer des actions et pivots en phase avec les objectifs court et long-termistes de l’entreprise.',
        'Utiliser la donnée de manière légale, en respectant les exigences liées à la CNIL et au RGPD en vue d’être en conformité avec les normes juridiques en vigueur.',
        'Mettre en place des stratégies de ciblage en exploitant les données collectées (segmentation, retargeting, personnalisation…) au travers d’outils dédiés tels que les CRM (Customer Relationship Management) et DMP, pour répondre aux enjeux de conquête et fidélisation des objectifs fixés par la Direction.',
        'Rechercher et expérimenter de nouvelles méthodes de modélisation et d’analyse des données, dans un cadre centré sur les besoins utilisateurs, en vue d’exploiter au maximum la connaissance client.',
        'Sélectionner les nouveaux outils et techniques d’analyse des données, en se fondant sur les résultats d’une veille informationnelle, en vue de répondre aux enjeux d’acquisition et fidélisation de clients fixés par la Direction.',
        'Analyser l’efficacité des actions menées auprès des clients dans le CRM, en suivant l’activité des utilisateurs, la qualité des données et des réponses qu’ils reçoivent, en vue de préparer les décisions de la Direction.',
        'Mettre en perspective l’analyse des données, en s’appuyant sur les données du CRM, pour la prise de décisions stratégiques et le pilotage opérationnel en vue de créer de la valeur pour l’entreprise (Customer Centricity).',
      ],
      assessments: [
        {
          id: 'bc04-data-case-study',
          title: { fr: 'Réalisation d’une étude de cas individuelle', en: 'Individual case study on data' },
          description:
            'Il est demandé aux candidats d’identifier les données existantes et à collecter, d’analyser leurs limites et leur intérêt dans une démarche respectant le droit. Les données sont préparées et les valeurs aberrantes identifiées.',
          mode: 'individual',
          individualMark: true,
          defence: 'none',
        },
        {
          id: 'bc04-crm-recommendations',
          title: { fr: 'Rédaction de préconisations stratégiques', en: 'Strategic recommendations on CRM data' },
          description:
            'Il est demandé aux candidats de traiter une étude de cas réelle ou inspirée d’une situation réelle et de respecter le budget, les moyens et les objectifs précis. Le cas porte sur l’exploitation de données CRM. Dossier collectif et soutenance intégrant une notation individuelle.',
          mode: 'collective',
          individualMark: true,
          defence: 'collective',
        },
        {
          id: 'bc04-monitoring-plan',
          title: {
            fr: 'Rédaction en équipe d’un plan de veille individuel en réponse à une étude de cas réelle',
            en: 'Team-written monitoring plan on data tools, answering a real case study',
          },
          description:
            'Il est demandé aux candidats de mettre en forme une veille sur un ou des outils ou techniques de gestion des données.',
          mode: 'collective',
          individualMark: true,
          defence: 'none',
        },
        {
          id: 'bc04-customer-database-simulation',
          title: { fr: 'Étude de cas (individuelle)', en: 'Individual case study: managing a customer database' },
          description:
            'Il est demandé aux candidats de réaliser une simulation de la gestion et de l’optimisation d’une base de données client et de proposer la mise en place d’un plan d’actions amélioratives et/ou correctives adaptées aux segments mis en évidence dans la base.',
          mode: 'individual',
          individualMark: true,
          defence: 'none',
        },
      ],
    },
  ],
  blockOnlyEnrolment: true,
  completion: {
    nonVae: { internshipMinFteMonths: 4, thesisRequired: true },
    vae: {
      inDepthWorkRequired: true,
      inDepthWorkExamples: [
        'Rapport d’étude et de préconisations préalable à une réorganisation de service',
        'Études de faisabilité de projets stratégiques',
      ],
    },
  },
  // 35 h is the French legal full-time week. 30 days per FTE month: every run of four consecutive
  // calendar months has at least 120 days, so four full calendar months at full time always count.
  internship: { fullTimeWeeklyHours: 35, fteMonthDays: 30 },
  admission: {
    // Every assigned reviewer gives an opinion; when they disagree, the admissions office decides.
    selectionReviews: 'all_agree',
    pieces: [
      { kind: 'cv', label: { fr: 'CV', en: 'CV' }, required: true },
      { kind: 'transcripts', label: { fr: 'Relevés de notes', en: 'Transcripts' }, required: true },
      { kind: 'recommendation_letter', label: { fr: 'Lettre de recommandation', en: 'Recommendation letter' }, required: true },
      { kind: 'motivation_letter', label: { fr: 'Lettre de motivation', en: 'Motivation letter' }, required: true },
      { kind: 'professional_project', label: { fr: 'Présentation du projet professionnel', en: 'Professional project' }, required: true },
    ],
    byRight: [
      { degree: 'engineering_cti', minExperienceYears: 0, experience: 'qualifying', label: { fr: 'Diplôme d’ingénieur habilité par la CTI', en: 'Engineering degree accredited by the CTI' } },
      {
        degree: 'management_master_cefdg',
        minExperienceYears: 0,
        experience: 'qualifying',
        label: {
          fr: 'Diplôme d’une école de management habilitée à délivrer le grade de Master (liste CEFDG)',
          en: 'Master-grade degree of a management school (CEFDG list)',
        },
      },
      {
        degree: 'university_master',
        minExperienceYears: 0,
        experience: 'qualifying',
        label: { fr: 'Diplôme de 3e cycle universitaire (DEA, DESS, Master…)', en: 'Third-cycle university degree (DEA, DESS, Master…)' },
      },
      { degree: 'professional_bac5', minExperienceYears: 0, experience: 'qualifying', label: { fr: 'Diplôme professionnel de niveau Bac+5', en: 'Professional degree at Bac+5 level' } },
      {
        degree: 'm1',
        minExperienceYears: 3,
        experience: 'qualifying',
        label: {
          fr: 'Diplôme de M1 ou équivalent avec au moins trois années d’expérience professionnelle',
          en: 'M1 or equivalent with at least three years of professional experience',
        },
      },
      { degree: 'rncp_level7', minExperienceYears: 0, experience: 'qualifying', label: { fr: 'Titre inscrit au RNCP niveau 7', en: 'RNCP level-7 title' } },
    ],
    foreignEquivalentAccepted: true,
    derogations: {
      a: {
        requiresVapp: true,
        minExperienceYears: 5,
        maxPercent: 40,
        label: {
          fr: 'Dérogation (a) : VAPP, au moins 5 ans d’expérience professionnelle (hors stage, césure, cursus initial en alternance)',
          en: 'Derogation (a): VAPP, at least 5 years of professional experience (excluding internships, gap years, initial work-study)',
        },
      },
      b: {
        conditions: [
          { degree: 'm1', minExperienceYears: 0, experience: 'qualifying', label: { fr: 'Niveau M1 validé ou équivalent, sans expérience professionnelle', en: 'Validated M1 or equivalent, no experience required' } },
          {
            degree: 'l3',
            minExperienceYears: 3,
            experience: 'suitable',
            label: { fr: 'Diplôme de L3 avec une expérience adaptée de 3 ans minimum', en: 'L3 with at least 3 years of suitable experience' },
          },
        ],
        maxPercent: 30,
        label: { fr: 'Dérogation (b)', en: 'Derogation (b)' },
      },
      combinedMaxPercent: 40,
      specificContextCombinedMaxPercent: 60,
    },
  },
  jury: {
    certification: {
      schoolMembers: 1,
      externalProfessionals: 2,
      externalsMustBeInActivity: true,
      excludeCandidateTrainersAndAssessors: true,
    },
  },
  deadlines: {
    dossier: { actor: 'candidate', duration: 'P30D', remindersBefore: ['P7D', 'P1D'], escalateAfter: 'P2D', extendedByAccommodations: false },
    selectionReview: { actor: 'jury', duration: 'P10D', remindersBefore: ['P3D', 'P1D'], escalateAfter: 'P1D', extendedByAccommodations: false },
    interviewSlotChoice: { actor: 'candidate', duration: 'P7D', remindersBefore: ['P3D', 'P1D'], escalateAfter: 'P1D', extendedByAccommodations: false },
    interviewDecision: { actor: 'jury', duration: 'P5D', remindersBefore: ['P2D'], escalateAfter: 'P1D', extendedByAccommodations: false },
    assessmentSubmission: { actor: 'candidate', duration: 'P14D', remindersBefore: ['P7D', 'P1D'], escalateAfter: 'P1D', extendedByAccommodations: true },
    assessmentGrading: { actor: 'staff', duration: 'P21D', remindersBefore: ['P7D', 'P2D'], escalateAfter: 'P2D', extendedByAccommodations: false },
    internshipDeclaration: { actor: 'candidate', duration: 'P30D', remindersBefore: ['P7D', 'P1D'], escalateAfter: 'P3D', extendedByAccommodations: false },
    thesisSubmission: { actor: 'candidate', duration: 'P120D', remindersBefore: ['P30D', 'P7D', 'P1D'], escalateAfter: 'P2D', extendedByAccommodations: true },
    vaeEvidenceSubmission: { actor: 'candidate', duration: 'P90D', remindersBefore: ['P30D', 'P7D', 'P1D'], escalateAfter: 'P2D', extendedByAccommodations: true },
    juryDecision: { actor: 'jury', duration: 'P14D', remindersBefore: ['P7D', 'P1D'], escalateAfter: 'P2D', extendedByAccommodations: false },
    followUpSurvey: { actor: 'candidate', duration: 'P30D', remindersBefore: ['P14D', 'P3D'], escalateAfter: 'P7D', extendedByAccommodations: false },
  },
  // The record publishes employment rates at 6 months and 2 years.
  followUp: { surveyMonthsAfterCertification: [6, 24] },
};

export const rncp37332: Referential = rncp37332Data;
